import { and, eq, inArray } from "drizzle-orm";
import { agents, departments, projects } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import type { Principal } from "../auth/principal";
import { AppError, invalidInput } from "../lib/errors";
import type { AttributionInput } from "./event-input";

export interface Attribution {
  departmentId: string | null;
  projectId: string | null;
  agentId: string | null;
  userRef: string | null;
  taskType: string | null;
  workflow: string | null;
  outcomeRef: string | null;
}

const distinct = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))];

/** The departments, projects and agents a set of inputs names, by slug. */
export interface Directory {
  departments: Map<string, typeof departments.$inferSelect>;
  projects: Map<string, typeof projects.$inferSelect>;
  agents: Map<string, typeof agents.$inferSelect>;
}

/** Loads what `inputs` name: three queries whatever their number. */
export async function loadDirectory(db: DbOrTx, orgId: string, inputs: AttributionInput[]): Promise<Directory> {
  const [departmentRows, projectRows, agentRows] = await Promise.all([
    lookup(db, departments, orgId, distinct(inputs.map((i) => i.department))),
    lookup(db, projects, orgId, distinct(inputs.map((i) => i.project))),
    lookup(db, agents, orgId, distinct(inputs.map((i) => i.agent))),
  ]);
  const bySlug = <T extends { slug: string }>(rows: T[]) => new Map(rows.map((row) => [row.slug, row]));
  return { departments: bySlug(departmentRows), projects: bySlug(projectRows), agents: bySlug(agentRows) };
}

export async function resolveAttributions(db: DbOrTx, principal: Principal, inputs: AttributionInput[]): Promise<Attribution[]> {
  return resolveWith(await loadDirectory(db, principal.orgId, inputs), principal, inputs);
}

/**
 * Resolves slugs to ids. An agent implies its department and project, a project its department;
 * a contradiction, an unknown or archived name, or a department outside an API key's department is
 * refused with the index of the offending input.
 */
export function resolveWith(directory: Directory, principal: Principal, inputs: AttributionInput[]): Attribution[] {
  return inputs.map((input, index) => {
    const find = <T extends { archivedAt: Date | null }>(map: Map<string, T>, slug: string | undefined, what: string) => {
      if (!slug) return undefined;
      const row = map.get(slug);
      if (!row) throw new AppError("NOT_FOUND", `${what} "${slug}" is not registered in this organisation`, { index, [what.toLowerCase()]: slug });
      if (row.archivedAt) throw invalidInput(`${what} "${slug}" is archived`, { index });
      return row;
    };
    const agent = find(directory.agents, input.agent, "Agent");
    const department = find(directory.departments, input.department, "Department");
    const project = find(directory.projects, input.project, "Project");
    if (agent && department && agent.departmentId !== department.id) {
      throw invalidInput(`Agent "${input.agent}" belongs to another department than "${input.department}"`, { index });
    }
    // Like its department, an agent's project is implied: naming another would step around that project's budgets.
    if (agent?.projectId && project && agent.projectId !== project.id) {
      throw invalidInput(`Agent "${input.agent}" works on another project than "${input.project}"`, { index });
    }
    // A project owned by a department implies it too, when nothing more specific names one.
    let departmentId = department?.id ?? agent?.departmentId ?? project?.departmentId ?? null;
    if (principal.kind === "apiKey" && principal.departmentId) {
      if (departmentId && departmentId !== principal.departmentId) {
        throw new AppError("FORBIDDEN", "This API key may only record usage for its own department", { index });
      }
      departmentId = principal.departmentId;
    }
    return {
      departmentId,
      projectId: project?.id ?? agent?.projectId ?? null,
      agentId: agent?.id ?? null,
      userRef: input.user ?? null,
      taskType: input.taskType ?? null,
      workflow: input.workflow ?? null,
      outcomeRef: input.outcomeRef ?? null,
    };
  });
}

type SlugTable = typeof departments | typeof projects | typeof agents;

async function lookup<T extends SlugTable>(db: DbOrTx, table: T, orgId: string, slugs: string[]) {
  if (slugs.length === 0) return [] as T["$inferSelect"][];
  return (await db
    .select()
    .from(table as typeof departments)
    .where(and(eq(table.orgId, orgId), inArray(table.slug, slugs)))) as T["$inferSelect"][];
}

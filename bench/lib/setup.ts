import type { Database } from "../../db/client";
import { authenticateApiKey, createApiKey } from "../../server/api-keys/api-keys";
import { loadMemberPrincipal } from "../../server/auth/principal";
import { createBudget } from "../../server/budgets/manage-budgets";
import { createAgent } from "../../server/orgs/agents";
import { createDepartment } from "../../server/orgs/departments";
import { addMember } from "../../server/orgs/members";
import { createOrganization } from "../../server/orgs/organizations";
import { createDraft, publishVersion } from "../../server/pricing/versions";

const ACTOR = "bench";
/** Enough credits that no phase runs dry: 10^8 credits. */
export const GRANT_MICROS = 100_000_000 * 1_000_000;

export interface BenchOrg {
  orgId: string;
  slug: string;
  apiKey: string;
}

/**
 * An organisation shaped like a real tenant on the hot path: one department with an agent, a price
 * book, plenty of credits, and `budgets` pause budgets that apply to every event (organisation,
 * department, agent) with limits far above what the run spends — so each call checks them all.
 */
export async function createBenchOrg(db: Database, slug: string, budgets: 0 | 3): Promise<BenchOrg> {
  const { id: orgId } = await createOrganization(db, { slug, name: `Bench ${slug}`, starterMicros: GRANT_MICROS });
  const department = await createDepartment(db, { orgId, actor: ACTOR, slug: "support", name: "Support" });
  const agent = await createAgent(db, { orgId, actor: ACTOR, slug: "bench-agent", name: "Bench agent", departmentId: department.id });
  const { id: versionId } = await createDraft(db, {
    orgId,
    actor: ACTOR,
    source: "bench",
    models: [
      {
        model: "bench-model",
        inputMicrosPerMillionTokens: 18_000_000,
        outputMicrosPerMillionTokens: 72_000_000,
        cachedInputMicrosPerMillionTokens: 9_000_000,
        cacheWriteMicrosPerMillionTokens: null,
      },
    ],
  });
  await publishVersion(db, { orgId, actor: ACTOR, versionId });
  if (budgets === 3) {
    const { userId } = await addMember(db, { orgId, actor: ACTOR, email: `admin@${slug}.bench`, name: "Bench admin", role: "admin" });
    const admin = (await loadMemberPrincipal(db, userId, orgId))!;
    const limitMicros = GRANT_MICROS;
    await createBudget(db, admin, { name: "Organisation", scope: "organization", period: "month", limitMicros, mode: "pause" });
    await createBudget(db, admin, { name: "Support", scope: "department", departmentId: department.id, period: "month", limitMicros, mode: "pause" });
    await createBudget(db, admin, { name: "Agent", scope: "agent", agentId: agent.id, period: "day", limitMicros, mode: "pause" });
  }
  const { token } = await createApiKey(db, {
    orgId,
    actor: ACTOR,
    name: "bench",
    scopes: ["usage:write", "usage:read", "pricing:read"],
    // The throughput phases measure the API, not its rate limit (measured on its own).
    rateLimitPerSecond: 1_000_000,
  });
  if (!(await authenticateApiKey(db, token))) throw new Error("bench API key does not authenticate");
  return { orgId, slug, apiKey: token };
}

/** A usage event like a gateway sends: a model call with tokens and attribution. */
export function benchEvent(key: string) {
  return { idempotencyKey: key, model: "bench-model", inputTokens: 1200, outputTokens: 300, agent: "bench-agent", user: "user@bench", taskType: "support-reply" };
}

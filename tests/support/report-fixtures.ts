import type { Database } from "../../db/client";
import type { ApiKeyPrincipal } from "../../server/auth/principal";
import { createAgent } from "../../server/orgs/agents";
import { createDepartment } from "../../server/orgs/departments";
import { createProject } from "../../server/orgs/projects";
import { createBackdatedOrg, type BackdatedOrg } from "./budget-backdated-org";
import { HOUR_MS } from "./budget-fixtures";

export interface ReportOrg extends BackdatedOrg {
  principal: ApiKeyPrincipal;
  ids: { support: string; sales: string; desk: string; bot: string; closer: string };
}

/**
 * An organisation in `timeZone` whose prices are in force since ten days ago (so usage may be
 * stamped back to then), with departments support and sales, project desk (support), agent bot
 * (support, desk) and agent closer (sales).
 */
export async function createReportOrg(db: Database, timeZone: string): Promise<ReportOrg> {
  const org = await createBackdatedOrg(db, { timeZone, pricesFrom: new Date(Date.now() - 10 * 24 * HOUR_MS) });
  const actor = "system";
  const support = await createDepartment(db, { orgId: org.orgId, actor, slug: "support", name: "Support" });
  const sales = await createDepartment(db, { orgId: org.orgId, actor, slug: "sales", name: "Sales" });
  const desk = await createProject(db, { orgId: org.orgId, actor, slug: "desk", name: "Desk", departmentId: support.id });
  const bot = await createAgent(db, { orgId: org.orgId, actor, slug: "bot", name: "Bot", departmentId: support.id, projectId: desk.id });
  const closer = await createAgent(db, { orgId: org.orgId, actor, slug: "closer", name: "Closer", departmentId: sales.id, projectId: null });
  return { ...org, principal: org.apiKey, ids: { support: support.id, sales: sales.id, desk: desk.id, bot: bot.id, closer: closer.id } };
}

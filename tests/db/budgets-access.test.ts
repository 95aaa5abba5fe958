import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { budgets } from "../../db/schema";
import { loadMemberPrincipal, type MemberPrincipal, type Principal } from "../../server/auth/principal";
import { addMember } from "../../server/orgs/members";
import { outcomeOf } from "../support/api-errors";
import { budgetTargetsOf, callerFor, spendEvent } from "../support/budget-fixtures";
import { useTestDatabase } from "../support/database";
import { createTestOrg, type TestOrg } from "../support/fixtures";

/**
 * Who sees and manages which budgets and alerts: administrators and finance all of them; a
 * department head those of their departments (department budgets, and agent and project budgets
 * within them) — anything else is NOT_FOUND to them; members none.
 */
const db = useTestDatabase(4);
const as = (principal: Principal) => callerFor(db, principal);

type Budget = Awaited<ReturnType<ReturnType<typeof as>["budgets"]["create"]>>;

let org: TestOrg;
/** Head of both support and sales. */
let bothHead: MemberPrincipal;
let targets: { supportBot: string; salesBot: string; helpdesk: string; pipeline: string };
let b: Record<"organization" | "user" | "supportDept" | "salesDept" | "supportBot" | "salesBot" | "helpdesk" | "pipeline", Budget>;
const supportSide = () => [b.supportDept, b.supportBot, b.helpdesk];
const salesSide = () => [b.salesDept, b.salesBot, b.pipeline];
const ids = (list: { id: string }[]) => list.map((budget) => budget.id).sort();

/** Create inputs for each kind of target, on the support or the sales side. */
const createInputs = () => ({
  support: [
    { name: "new support", scope: "department" as const, departmentId: org.departments.support },
    { name: "new support bot", scope: "agent" as const, agentId: targets.supportBot },
    { name: "new helpdesk", scope: "project" as const, projectId: targets.helpdesk },
  ],
  elsewhere: [
    { name: "new sales", scope: "department" as const, departmentId: org.departments.sales },
    { name: "new sales bot", scope: "agent" as const, agentId: targets.salesBot },
    { name: "new pipeline", scope: "project" as const, projectId: targets.pipeline },
    { name: "new org", scope: "organization" as const },
    { name: "new user", scope: "user" as const, userRef: "someone@example.test" },
  ],
});
const withPeriod = <T,>(input: T) => ({ ...input, period: "month" as const, limitMicros: 1_000, mode: "pause" as const });

/** A monthly budget of 1,000 µcr on `target`, created by an administrator of `owner`. */
const createOn = (owner: TestOrg, name: string, target: Record<string, string>, mode: "alert" | "pause" = "alert") =>
  as(owner.admin).budgets.create({ name, period: "month", limitMicros: 1_000, mode, ...(target as { scope: "organization" }) });

beforeAll(async () => {
  org = await createTestOrg(db);
  const admin = as(org.admin);
  const pipeline = await admin.org.createProject({ slug: "pipeline", name: "Pipeline", departmentId: org.departments.sales });
  targets = { ...(await budgetTargetsOf(db, org)), pipeline: pipeline.id };
  const { userId } = await addMember(db, {
    orgId: org.orgId,
    actor: "system",
    email: `both.${org.slug}@example.test`,
    name: "Head of both",
    role: "department_head",
    headOfDepartmentIds: [org.departments.support, org.departments.sales],
  });
  bothHead = (await loadMemberPrincipal(db, userId, org.orgId))!;

  const create = (name: string, target: Record<string, string>, mode: "alert" | "pause" = "pause") => createOn(org, name, target, mode);
  b = {
    organization: await admin.budgets.create({ name: "Org", scope: "organization", period: "month", limitMicros: 2_000 }),
    user: await create("Alice", { scope: "user", userRef: "alice@example.test" }),
    supportDept: await create("Support", { scope: "department", departmentId: org.departments.support }),
    salesDept: await create("Sales", { scope: "department", departmentId: org.departments.sales }),
    supportBot: await create("Support bot", { scope: "agent", agentId: targets.supportBot }, "alert"),
    salesBot: await create("Sales bot", { scope: "agent", agentId: targets.salesBot }),
    helpdesk: await create("Helpdesk", { scope: "project", projectId: targets.helpdesk }),
    pipeline: await create("Pipeline", { scope: "project", projectId: targets.pipeline }),
  };
});

describe("budgets.status for people", () => {
  it("shows a department head only their departments' budgets, whatever attribution they ask about; members none", async () => {
    const statusIds = async (principal: Principal, attribution: { agent?: string; user?: string }) =>
      ids((await as(principal).budgets.status(attribution)).budgets.map((status) => ({ id: status.budgetId })));
    const supportBot = { agent: "support-bot", user: "alice@example.test" };
    const salesBot = { agent: "sales-bot", user: "alice@example.test" };
    expect(await statusIds(org.admin, supportBot)).toEqual(ids([b.organization, b.user, b.supportDept, b.supportBot, b.helpdesk]));
    expect(await statusIds(org.finance, salesBot)).toEqual(ids([b.organization, b.user, b.salesDept, b.salesBot]));
    expect(await statusIds(org.supportHead, supportBot)).toEqual(ids([b.supportDept, b.supportBot, b.helpdesk]));
    expect(await statusIds(org.supportHead, salesBot)).toEqual([]);
    expect(await statusIds(bothHead, salesBot)).toEqual(ids([b.salesDept, b.salesBot]));
    expect(await outcomeOf(as(org.member).budgets.status({ user: org.member.email }))).toBe("FORBIDDEN");
  });
});

describe("budgets: department heads", () => {
  it("list and get only their departments' budgets; everything else is NOT_FOUND", async () => {
    const head = as(org.supportHead).budgets;
    expect(ids((await head.list()).map((row) => row.budget))).toEqual(ids(supportSide()));
    expect(ids((await as(bothHead).budgets.list()).map((row) => row.budget))).toEqual(ids([...supportSide(), ...salesSide()]));
    for (const budget of supportSide()) expect((await head.get({ budgetId: budget.id })).budget.id).toBe(budget.id);
    for (const budget of [...salesSide(), b.organization, b.user]) {
      expect(await outcomeOf(head.get({ budgetId: budget.id })), budget.name).toBe("NOT_FOUND");
      expect(await outcomeOf(head.update({ budgetId: budget.id, name: "taken over" })), budget.name).toBe("NOT_FOUND");
      expect(await outcomeOf(head.resume({ budgetId: budget.id })), budget.name).toBe("NOT_FOUND");
    }
    expect(await outcomeOf(as(bothHead).budgets.get({ budgetId: b.organization.id }))).toBe("NOT_FOUND");
  });

  it("create, update and resume budgets on their departments, and are FORBIDDEN any other target", async () => {
    const head = as(org.supportHead).budgets;
    const inputs = createInputs();
    const count = () => db.$count(budgets, eq(budgets.orgId, org.orgId));
    const before = await count();
    for (const input of inputs.elsewhere) expect(await outcomeOf(head.create(withPeriod(input))), input.name).toBe("FORBIDDEN");
    expect(await count()).toBe(before);
    const created = [];
    for (const input of inputs.support) created.push(await head.create(withPeriod(input)));
    expect(await count()).toBe(before + 3);
    for (const budget of created) {
      expect((await head.update({ budgetId: budget.id, limitMicros: 2_000 })).limitMicros).toBe(2_000);
      expect(await outcomeOf(head.resume({ budgetId: budget.id }))).toBe("ok");
    }
    expect(ids((await head.list()).map((row) => row.budget))).toEqual(ids([...supportSide(), ...created]));
    // A head of both departments may do it on either side, still not on organisation or user budgets.
    const [sales, salesBot, pipeline, orgWide, user] = inputs.elsewhere;
    for (const input of [sales!, salesBot!, pipeline!]) expect(await outcomeOf(as(bothHead).budgets.create(withPeriod(input)))).toBe("ok");
    for (const input of [orgWide!, user!]) expect(await outcomeOf(as(bothHead).budgets.create(withPeriod(input)))).toBe("FORBIDDEN");
  });
});

describe("budgets: members, finance", () => {
  it("members may do nothing with budgets", async () => {
    const member = as(org.member).budgets;
    const outcomes = [
      await outcomeOf(member.list()),
      await outcomeOf(member.get({ budgetId: b.user.id })),
      await outcomeOf(member.create(withPeriod({ name: "mine", scope: "user" as const, userRef: org.member.email }))),
      await outcomeOf(member.update({ budgetId: b.user.id, name: "mine" })),
      await outcomeOf(member.resume({ budgetId: b.user.id })),
    ];
    expect(outcomes).toEqual(Array(5).fill("FORBIDDEN"));
  });

  it("finance does everything administrators do", async () => {
    for (const principal of [org.admin, org.finance]) {
      const api = as(principal).budgets;
      const inputs = createInputs();
      const created = [];
      for (const input of [...inputs.support, ...inputs.elsewhere]) created.push(await api.create(withPeriod({ ...input, name: `${principal.role} ${input.name}` })));
      const listed = ids((await api.list()).map((row) => row.budget));
      expect(listed).toEqual(expect.arrayContaining(ids([...Object.values(b), ...created])));
      for (const budget of [b.organization, b.user, b.salesDept, ...created.slice(-2)]) {
        expect((await api.get({ budgetId: budget.id })).budget.id).toBe(budget.id);
        expect((await api.update({ budgetId: budget.id, notifyRoles: ["admin", "finance"] })).notifyRoles).toEqual(["admin", "finance"]);
      }
      expect(await outcomeOf(api.resume({ budgetId: b.salesBot.id }))).toBe("ok");
    }
    const everything = ids((await as(org.admin).budgets.list()).map((row) => row.budget));
    expect(ids((await as(org.finance).budgets.list()).map((row) => row.budget))).toEqual(everything);
  });
});

describe("alerts follow the budgets' visibility", () => {
  it("department heads see and acknowledge only their departments' alerts; low-balance alerts are for admin and finance", async () => {
    const other = await createTestOrg(db);
    const admin = as(other.admin);
    const { supportBot, salesBot } = await budgetTargetsOf(db, other);
    const make = (name: string, target: Record<string, string>) => createOn(other, name, target);
    const support = await make("Support", { scope: "department", departmentId: other.departments.support });
    const bot = await make("Support bot", { scope: "agent", agentId: supportBot });
    const sales = await make("Sales", { scope: "department", departmentId: other.departments.sales });
    const salesAgent = await make("Sales bot", { scope: "agent", agentId: salesBot });
    const orgWide = await admin.budgets.create({ name: "Org", scope: "organization", period: "month", limitMicros: 2_000 });
    await admin.org.updateSettings({ lowBalanceThresholdMicros: 2_000_000_000 });
    const api = as(other.apiKey).usage;
    await api.record(spendEvent("support", 600, { agent: "support-bot" }));
    await api.record(spendEvent("sales", 600, { agent: "sales-bot" }));

    const alertsSeenBy = async (principal: Principal) =>
      (await as(principal).alerts.list()).map((alert) => `${alert.kind}:${alert.budgetName ?? ""}:${alert.thresholdPercent ?? ""}`).sort();
    const budgetAlerts = (...list: Budget[]) => list.map((budget) => `budget_threshold:${budget.name}:50`);
    const everything = [...budgetAlerts(support, bot, sales, salesAgent, orgWide), "low_balance::"].sort();
    expect(await alertsSeenBy(other.admin)).toEqual(everything);
    expect(await alertsSeenBy(other.finance)).toEqual(everything);
    expect(await alertsSeenBy(other.supportHead)).toEqual(budgetAlerts(support, bot).sort());
    expect(await as(other.supportHead).alerts.openCount()).toBe(2);
    expect(await as(other.finance).alerts.openCount()).toBe(6);
    for (const call of [as(other.member).alerts.list(), as(other.member).alerts.openCount()]) expect(await outcomeOf(call)).toBe("FORBIDDEN");

    const all = await as(other.admin).alerts.list();
    const idOf = (predicate: (alert: (typeof all)[number]) => boolean) => all.find(predicate)!.id;
    const head = as(other.supportHead).alerts;
    for (const alertId of [idOf((a) => a.budgetId === sales.id), idOf((a) => a.budgetId === orgWide.id), idOf((a) => a.kind === "low_balance")]) {
      expect(await outcomeOf(head.acknowledge({ alertId }))).toBe("NOT_FOUND");
    }
    expect(await outcomeOf(as(other.member).alerts.acknowledge({ alertId: idOf((a) => a.budgetId === support.id) }))).toBe("FORBIDDEN");
    expect(await as(other.finance).alerts.openCount()).toBe(6);

    await head.acknowledge({ alertId: idOf((a) => a.budgetId === support.id) });
    await as(other.finance).alerts.acknowledge({ alertId: idOf((a) => a.kind === "low_balance") });
    expect(await head.openCount()).toBe(1);
    expect(await as(other.admin).alerts.openCount()).toBe(4);
    const acknowledged = (await as(other.admin).alerts.list()).filter((alert) => alert.acknowledgedAt !== null).map((alert) => alert.id).sort();
    expect(acknowledged).toEqual([idOf((a) => a.budgetId === support.id), idOf((a) => a.kind === "low_balance")].sort());
    expect((await head.list({ openOnly: true, limit: 200 })).map((alert) => alert.budgetId)).toEqual([bot.id]);
  });
});

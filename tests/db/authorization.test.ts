import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { alerts, members, outboxMessages, type ApiKeyScope } from "../../db/schema";
import type { Principal } from "../../server/auth/principal";
import { appRouter, createCaller } from "../../server/api/root";
import { MEMBER_ROLES, type MemberRole } from "../../server/orgs/members";
import { dispatchOutbox } from "../../server/outbox/dispatch";
import { outcomeOf } from "../support/api-errors";
import { apiKeyRequestContext } from "../support/api-context";
import { useTestDatabase } from "../support/database";
import { createTestOrg, type TestOrg } from "../support/fixtures";

const db = useTestDatabase();
const as = (principal: Principal | null) => createCaller({ db, principal });

/** Who may call a procedure: members of `roles`, and API keys holding `scope` (none when unset). */
interface Access {
  roles: readonly MemberRole[];
  scope?: ApiKeyScope;
}

const ADMIN: Access = { roles: ["admin"] };
const ADMIN_FINANCE: Access = { roles: ["admin", "finance"] };
const MEMBERS: Access = { roles: MEMBER_ROLES };
const USAGE_WRITER: Access = { roles: [], scope: "usage:write" };
const USAGE_READER: Access = { roles: MEMBER_ROLES, scope: "usage:read" };
const PRICING_READER: Access = { roles: MEMBER_ROLES, scope: "pricing:read" };
/** Reports: every member (each sees what usageVisibility lets them), and keys with reports:read. */
const REPORTS_READER: Access = { roles: MEMBER_ROLES, scope: "reports:read" };
/** Budgets, their alerts and test e-mails: people who manage spend (department heads within their departments). */
const SPEND_MANAGERS: Access = { roles: ["admin", "finance", "department_head"] };
const BUDGET_READER: Access = { roles: ["admin", "finance", "department_head"], scope: "usage:read" };
/** Quoting and requesting purchases: every member, and keys with purchases:write (each sees its own requests). */
const PURCHASER: Access = { roles: MEMBER_ROLES, scope: "purchases:write" };
const FINANCE: Access = { roles: ["finance"] };
/** Department analytics and outcomes: who sees spend by department, and keys with reports:read. */
const ANALYTICS_READER: Access = { roles: ["admin", "finance", "department_head"], scope: "reports:read" };
/** Outcomes are recorded by sibling apps (usage:write), administrators and department heads. */
const OUTCOME_WRITER: Access = { roles: ["admin", "department_head"], scope: "usage:write" };
const METRIC_MANAGER: Access = { roles: ["admin", "department_head"] };

/** A support budget the whole matrix can name, its alert, and the e-mails that alert sent (through the dev mailbox). */
interface BudgetFixture {
  budgetId: string;
  alertId: string;
  /** Each person's copy of the alert e-mail, by e-mail address. */
  messageTo: Map<string, string>;
}
let spend: BudgetFixture;
/** An endpoint of the matrix's organisation (listening to nothing the fixture causes). */
let webhookEndpointId: string;
/** A purchase each caller requested (by member or API key id), so that purchases.get answers them. */
const purchaseOf = new Map<string, string>();
const purchaseFor = (caller: Principal | null) =>
  (caller ? purchaseOf.get(caller.kind === "member" ? caller.memberId : caller.apiKeyId) : undefined) ?? randomUUID();

/** The dev-mailbox message addressed to the caller (any message for callers without one). */
const messageFor = (caller: Principal | null) =>
  (caller?.kind === "member" ? spend.messageTo.get(caller.email) : undefined) ?? [...spend.messageTo.values()][0]!;

/**
 * The access rule of every procedure, with a valid input for it, so that a missing check would
 * let the call through (or fail some other way) instead of answering FORBIDDEN.
 */
const PROCEDURES: Record<string, { access: Access; input?: (org: TestOrg, caller: Principal | null) => unknown }> = {
  "pricing.list": { access: PRICING_READER },
  "pricing.estimate": { access: PRICING_READER, input: () => ({ model: "test-small", inputTokens: 10 }) },
  "pricing.versions": { access: ADMIN_FINANCE },
  "pricing.version": { access: ADMIN_FINANCE, input: (org) => ({ versionId: org.priceVersionId }) },
  "pricing.createDraft": { access: ADMIN, input: () => ({}) },
  "pricing.importLitellm": {
    access: ADMIN,
    input: () => ({ json: JSON.stringify({ m: { input_cost_per_token: 1e-6, output_cost_per_token: 1e-6 } }), creditValueUsd: "0.01" }),
  },
  "pricing.setModelPrice": {
    access: ADMIN,
    input: (org) => ({
      versionId: org.priceVersionId,
      price: {
        model: "m",
        inputMicrosPerMillionTokens: 1,
        outputMicrosPerMillionTokens: 1,
        cachedInputMicrosPerMillionTokens: null,
        cacheWriteMicrosPerMillionTokens: null,
      },
    }),
  },
  "pricing.removeModelPrice": { access: ADMIN, input: (org) => ({ versionId: org.priceVersionId, model: "test-small" }) },
  "pricing.setOperationPrice": {
    access: ADMIN,
    input: (org) => ({ versionId: org.priceVersionId, price: { operation: "agent_run", unit: "run", microsPerUnit: 1 } }),
  },
  "pricing.discardDraft": { access: ADMIN, input: (org) => ({ versionId: org.priceVersionId }) },
  "pricing.publish": { access: ADMIN, input: (org) => ({ versionId: org.priceVersionId }) },
  "usage.record": { access: USAGE_WRITER, input: () => ({ idempotencyKey: "matrix", model: "test-small", inputTokens: 1 }) },
  "usage.recordBatch": { access: USAGE_WRITER, input: () => ({ events: [{ idempotencyKey: "matrix", model: "test-small", inputTokens: 1 }] }) },
  "usage.authorize": { access: USAGE_WRITER, input: () => ({ idempotencyKey: "matrix", amountMicros: 1 }) },
  "usage.settle": { access: USAGE_WRITER, input: () => ({ reservationId: randomUUID(), model: "test-small", inputTokens: 1 }) },
  "usage.release": { access: USAGE_WRITER, input: () => ({ reservationId: randomUUID() }) },
  "usage.list": { access: USAGE_READER, input: () => ({}) },
  "usage.daily": { access: USAGE_READER, input: () => ({}) },
  "reports.usage": { access: REPORTS_READER, input: () => ({}) },
  "reports.projection": { access: REPORTS_READER, input: () => ({}) },
  "credits.balance": { access: USAGE_READER },
  "credits.grants": { access: ADMIN_FINANCE },
  "credits.grant": { access: ADMIN, input: () => ({ amountMicros: 1, memo: "matrix" }) },
  "credits.remove": { access: ADMIN, input: () => ({ amountMicros: 1, memo: "matrix" }) },
  "apiKeys.list": { access: ADMIN },
  "apiKeys.create": { access: ADMIN, input: () => ({ name: "matrix", scopes: ["usage:read"] }) },
  "apiKeys.revoke": { access: ADMIN, input: (org) => ({ id: org.apiKey.apiKeyId }) },
  "org.get": { access: MEMBERS },
  "org.memberships": { access: MEMBERS },
  "org.updateSettings": { access: ADMIN, input: () => ({ name: "matrix" }) },
  "org.departments": { access: MEMBERS },
  "org.createDepartment": { access: ADMIN, input: () => ({ slug: "matrix", name: "matrix" }) },
  "org.updateDepartment": { access: ADMIN, input: (org) => ({ id: org.departments.support, name: "matrix" }) },
  "org.projects": { access: MEMBERS },
  "org.createProject": { access: ADMIN, input: () => ({ slug: "matrix", name: "matrix" }) },
  "org.updateProject": { access: ADMIN, input: () => ({ id: randomUUID(), name: "matrix" }) },
  "org.agents": { access: MEMBERS },
  "org.createAgent": { access: ADMIN, input: (org) => ({ slug: "matrix", name: "matrix", departmentId: org.departments.support }) },
  "org.updateAgent": { access: ADMIN, input: () => ({ id: randomUUID(), name: "matrix" }) },
  "org.members": { access: ADMIN },
  "org.addMember": { access: ADMIN, input: () => ({ email: "matrix@example.test", name: "matrix", role: "member" }) },
  "org.updateMember": { access: ADMIN, input: (org) => ({ memberId: org.member.memberId, role: "admin" }) },
  "org.removeMember": { access: ADMIN, input: (org) => ({ memberId: org.member.memberId }) },
  "budgets.status": { access: BUDGET_READER, input: () => ({ agent: "support-bot" }) },
  "budgets.list": { access: SPEND_MANAGERS },
  "budgets.get": { access: SPEND_MANAGERS, input: () => ({ budgetId: spend.budgetId }) },
  "budgets.create": {
    access: SPEND_MANAGERS,
    input: (org) => ({ name: "matrix", scope: "department", departmentId: org.departments.support, period: "month", limitMicros: 1_000 }),
  },
  "budgets.update": { access: SPEND_MANAGERS, input: () => ({ budgetId: spend.budgetId, name: "matrix" }) },
  "budgets.resume": { access: SPEND_MANAGERS, input: () => ({ budgetId: spend.budgetId }) },
  "alerts.list": { access: SPEND_MANAGERS },
  "alerts.openCount": { access: SPEND_MANAGERS },
  "alerts.acknowledge": { access: SPEND_MANAGERS, input: () => ({ alertId: spend.alertId }) },
  "outbox.list": { access: ADMIN },
  "outbox.get": { access: ADMIN, input: (_org, caller) => ({ messageId: messageFor(caller) }) },
  "outbox.resend": { access: ADMIN, input: (_org, caller) => ({ messageId: messageFor(caller) }) },
  "outbox.sendTest": { access: SPEND_MANAGERS },
  // The dev mailbox (RESEND_API_KEY is unset in the tests): everyone sees the e-mails addressed to them.
  "outbox.mailbox": { access: MEMBERS },
  "outbox.mailboxMessage": { access: MEMBERS, input: (_org, caller) => ({ messageId: messageFor(caller) }) },
  "purchases.settings": { access: MEMBERS },
  "purchases.updateSettings": { access: ADMIN_FINANCE, input: () => ({ taxRateBps: 0 }) },
  "outcomes.record": { access: OUTCOME_WRITER, input: () => ({ idempotencyKey: "matrix", metric: "matrix", quantity: 1 }) },
  "outcomes.metrics": { access: ANALYTICS_READER },
  "outcomes.list": { access: ANALYTICS_READER, input: () => ({}) },
  "outcomes.createMetric": {
    access: METRIC_MANAGER,
    input: (org) => ({ departmentId: org.departments.support, slug: "matrix", name: "Matrix", unit: "u", valuePerUnitMinor: 1 }),
  },
  "outcomes.updateMetric": { access: METRIC_MANAGER, input: () => ({ metricId: randomUUID(), valuePerUnitMinor: 1 }) },
  "reports.models": { access: ANALYTICS_READER, input: () => ({}) },
  "reports.whatIf": { access: ANALYTICS_READER, input: () => ({ taskType: "matrix", routing: [{ model: "test-small", percent: 100 }] }) },
  "reports.roi": { access: ANALYTICS_READER, input: () => ({}) },
  "purchases.quote": { access: PURCHASER, input: () => ({ creditsMicros: 1_000_000 }) },
  "purchases.create": { access: PURCHASER, input: () => ({ idempotencyKey: "matrix", creditsMicros: 1_000_000 }) },
  "purchases.list": { access: PURCHASER, input: () => ({}) },
  "purchases.get": { access: PURCHASER, input: (_org, caller) => ({ purchaseId: purchaseFor(caller) }) },
  "purchases.markPaid": { access: FINANCE, input: (_org, caller) => ({ purchaseId: purchaseFor(caller) }) },
  "purchases.cancel": { access: PURCHASER, input: (_org, caller) => ({ purchaseId: purchaseFor(caller) }) },
  "purchases.commitmentShortfall": { access: ADMIN_FINANCE },
  "approvals.inbox": { access: ADMIN_FINANCE },
  "approvals.pendingCount": { access: ADMIN_FINANCE },
  "approvals.approve": { access: FINANCE, input: (_org, caller) => ({ purchaseId: purchaseFor(caller) }) },
  "approvals.reject": { access: FINANCE, input: (_org, caller) => ({ purchaseId: purchaseFor(caller), comment: "matrix" }) },
  // Webhooks: administrators only, their delivery logs included.
  "webhooks.list": { access: ADMIN },
  "webhooks.get": { access: ADMIN, input: () => ({ endpointId: webhookEndpointId }) },
  "webhooks.create": { access: ADMIN, input: () => ({ url: "http://127.0.0.1:9/matrix", eventTypes: ["balance.low"] }) },
  "webhooks.update": { access: ADMIN, input: () => ({ endpointId: webhookEndpointId, enabled: false }) },
  "webhooks.rotateSecret": { access: ADMIN, input: () => ({ endpointId: webhookEndpointId }) },
  "webhooks.deliveries": { access: ADMIN, input: () => ({ endpointId: webhookEndpointId }) },
  "webhooks.attempts": { access: ADMIN, input: () => ({ endpointId: webhookEndpointId }) },
  "webhooks.replay": { access: ADMIN, input: () => ({ messageId: randomUUID() }) },
  "webhooks.sendTest": { access: ADMIN, input: () => ({ endpointId: webhookEndpointId }) },
  "invites.list": { access: ADMIN },
  "invites.create": { access: ADMIN, input: () => ({ email: "matrix-invite@example.test", role: "finance" }) },
  "invites.resend": { access: ADMIN, input: () => ({ inviteId: randomUUID() }) },
  "invites.revoke": { access: ADMIN, input: () => ({ inviteId: randomUUID() }) },
};

type Procedure = (input?: unknown) => Promise<unknown>;

function procedureOf(principal: Principal | null, path: string): Procedure {
  const [router, name] = path.split(".") as [string, string];
  return (as(principal) as unknown as Record<string, Record<string, Procedure>>)[router]![name]!;
}

describe("who may call what", () => {
  let org: TestOrg;
  let callers: Record<string, Principal>;

  beforeAll(async () => {
    org = await createTestOrg(db);
    callers = {
      admin: org.admin,
      finance: org.finance,
      department_head: org.supportHead,
      member: org.member,
      "key usage:write": await org.keyWith(["usage:write"]),
      "key usage:read": await org.keyWith(["usage:read"]),
      "key pricing:read": await org.keyWith(["pricing:read"]),
      "key reports:read,purchases:write": await org.keyWith(["reports:read", "purchases:write"]),
    };
    const budget = await as(org.admin).budgets.create({
      name: "Support",
      scope: "department",
      departmentId: org.departments.support,
      period: "month",
      limitMicros: 1_000,
      notifyRoles: ["admin", "finance", "department_head"],
      notifyEmails: [org.member.email],
    });
    await as(org.apiKey).usage.record({ idempotencyKey: "matrix-alert", model: "test-small", inputTokens: 500, department: "support" });
    await dispatchOutbox(db, { orgId: org.orgId });
    const [alert] = await db.select().from(alerts).where(and(eq(alerts.orgId, org.orgId), eq(alerts.budgetId, budget.id)));
    const messages = await db.select().from(outboxMessages).where(eq(outboxMessages.orgId, org.orgId));
    expect(messages.map((message) => [message.status, message.providerMessageId?.startsWith("dev-mailbox:")])).toEqual(Array(4).fill(["sent", true]));
    spend = { budgetId: budget.id, alertId: alert!.id, messageTo: new Map(messages.map((message) => [message.recipient, message.id])) };
    webhookEndpointId = (await as(org.admin).webhooks.create({ url: "http://127.0.0.1:9/matrix", eventTypes: ["grant.expired"] })).endpoint.id;
    for (const caller of Object.values(callers)) {
      if (caller.kind === "apiKey" && !caller.scopes.includes("purchases:write")) continue;
      const { purchase } = await as(caller).purchases.create({ idempotencyKey: `matrix-own-${purchaseOf.size}`, creditsMicros: 1_000_000 });
      purchaseOf.set(caller.kind === "member" ? caller.memberId : caller.apiKeyId, purchase.id);
    }
  });

  const allowed = (access: Access, principal: Principal) =>
    principal.kind === "member" ? access.roles.includes(principal.role) : access.scope !== undefined && principal.scopes.includes(access.scope);

  it("has an access rule for every procedure", () => {
    expect(Object.keys(PROCEDURES).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
  });

  for (const [path, procedure] of Object.entries(appRouter._def.procedures)) {
    const isQuery = (procedure as unknown as { _def: { type: string } })._def.type === "query";
    it(`${path}: refuses everyone outside its rule${isQuery ? "; answers everyone inside it" : ""}`, async () => {
      const rule = PROCEDURES[path];
      if (!rule) throw new Error(`No access rule for ${path}: add one`);
      const expected: Record<string, string> = { anonymous: "UNAUTHORIZED" };
      const actual: Record<string, string> = { anonymous: await outcomeOf(procedureOf(null, path)(rule.input?.(org, null))) };
      for (const [name, principal] of Object.entries(callers)) {
        const permitted = allowed(rule.access, principal);
        // Permitted mutations are exercised by the domain tests; calling them here would change the fixture.
        if (permitted && !isQuery) continue;
        expected[name] = permitted ? "ok" : "FORBIDDEN";
        actual[name] = await outcomeOf(procedureOf(principal, path)(rule.input?.(org, principal)));
      }
      expect(actual).toEqual(expected);
    });
  }
});

describe("what usage each caller sees", () => {
  let org: TestOrg;
  /** Event ids, by what they are attributed to. */
  const events = { supportOnly: "", salesOnly: "", aboutMember: "", unattributed: "", bySupportKey: "" };

  beforeAll(async () => {
    org = await createTestOrg(db);
    const record = as(org.apiKey).usage.record;
    const base = { model: "test-small", inputTokens: 100, outputTokens: 10 };
    events.supportOnly = (await record({ idempotencyKey: "support", ...base, agent: "support-bot", user: "someone@example.test" })).eventId;
    events.salesOnly = (await record({ idempotencyKey: "sales", ...base, agent: "sales-bot", user: "someone@example.test" })).eventId;
    // Attribution to a member matches their e-mail whatever its case.
    events.aboutMember = (await record({ idempotencyKey: "member", ...base, department: "sales", user: org.member.email.toUpperCase() })).eventId;
    events.unattributed = (await record({ idempotencyKey: "none", ...base })).eventId;
    const supportKey = await org.keyWith(["usage:write"], org.departments.support);
    // A department key's events belong to its department even when the call names none.
    events.bySupportKey = (await as(supportKey).usage.record({ idempotencyKey: "by-key", ...base })).eventId;
  });

  const seenBy = async (principal: Principal, filter: { departmentId?: string } = {}) =>
    (await as(principal).usage.list(filter)).events.map((event) => event.id).sort();

  it("administrators, finance and organisation-wide keys see every event", async () => {
    const every = Object.values(events).sort();
    expect(await seenBy(org.admin)).toEqual(every);
    expect(await seenBy(org.finance)).toEqual(every);
    expect(await seenBy(await org.keyWith(["usage:read"]))).toEqual(every);
  });

  it("a department head sees only their departments, even when filtering for another", async () => {
    expect(await seenBy(org.supportHead)).toEqual([events.supportOnly, events.bySupportKey].sort());
    expect(await seenBy(org.supportHead, { departmentId: org.departments.sales })).toEqual([]);
    const days = await as(org.supportHead).usage.daily({ days: 2 });
    expect(days.reduce((sum, day) => sum + day.events, 0)).toBe(2);
  });

  it("a member sees only the events attributed to their e-mail", async () => {
    expect(await seenBy(org.member)).toEqual([events.aboutMember]);
  });

  /** What reports.usage counts for a principal, overall and split by department (department ids, null for none). */
  const reportedBy = async (principal: Principal, filter: { department?: string[] } = {}) => {
    const report = await as(principal).reports.usage({ breakdown: "department", filter });
    return { events: report.totals.events, departments: report.breakdown.map((row) => row.key).sort() };
  };

  it("reports count, for each role, exactly the events that role may see — the rule is in the query", async () => {
    const { support, sales } = org.departments;
    expect(await reportedBy(org.admin)).toEqual({ events: 5, departments: [null, sales, support].sort() });
    expect(await reportedBy(org.finance)).toEqual({ events: 5, departments: [null, sales, support].sort() });
    expect(await reportedBy(org.supportHead)).toEqual({ events: 2, departments: [support] });
    expect(await reportedBy(org.supportHead, { department: [sales] })).toEqual({ events: 0, departments: [] });
    expect(await reportedBy(org.member)).toEqual({ events: 1, departments: [sales] });
    const salesReports = await org.keyWith(["reports:read"], sales);
    expect(await reportedBy(salesReports)).toEqual({ events: 2, departments: [sales] });
    const topUsers = (await as(org.member).reports.usage({})).topSpenders.users.map((row) => row.key);
    expect(topUsers).toEqual([org.member.email.toUpperCase()]);
    // The balance is the organisation's: only who sees all spend is told when it runs out.
    expect((await as(org.supportHead).reports.projection({})).balance).toBeNull();
    expect((await as(org.finance).reports.projection({})).balance).not.toBeNull();
  });

  it("a department-limited key sees only its department", async () => {
    const salesReader = await org.keyWith(["usage:read"], org.departments.sales);
    expect(await seenBy(salesReader)).toEqual([events.salesOnly, events.aboutMember].sort());
    expect(await seenBy(salesReader, { departmentId: org.departments.support })).toEqual([]);
  });

  it("a department-limited key cannot record for, or settle a hold of, another department", async () => {
    const supportWriter = await org.keyWith(["usage:write", "usage:read"], org.departments.support);
    const record = as(supportWriter).usage.record;
    const base = { model: "test-small", inputTokens: 1 };
    expect(await outcomeOf(record({ idempotencyKey: "x-1", ...base, department: "sales" }))).toBe("FORBIDDEN");
    expect(await outcomeOf(record({ idempotencyKey: "x-2", ...base, agent: "sales-bot" }))).toBe("FORBIDDEN");
    expect(await outcomeOf(as(supportWriter).usage.authorize({ idempotencyKey: "x-3", amountMicros: 10, department: "sales" }))).toBe("FORBIDDEN");
    const salesHold = await as(org.apiKey).usage.authorize({ idempotencyKey: "sales-hold", amountMicros: 10, department: "sales" });
    expect(await outcomeOf(as(supportWriter).usage.settle({ reservationId: salesHold.reservationId, ...base }))).toBe("NOT_FOUND");
    expect(await outcomeOf(as(supportWriter).usage.release({ reservationId: salesHold.reservationId }))).toBe("NOT_FOUND");
    expect(await seenBy(org.admin)).toEqual(Object.values(events).sort());
  });
});

describe("API key credentials", () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await createTestOrg(db);
  });

  const balanceWith = async (headers: Record<string, string>) =>
    outcomeOf(createCaller(await apiKeyRequestContext(db, new Headers(headers))).credits.balance());

  it("a key works by Bearer or x-api-key, and a revoked key is refused on its very next call", async () => {
    const key = await org.keyWith(["usage:read"]);
    expect(await balanceWith({ authorization: `Bearer ${key.token}` })).toBe("ok");
    expect(await balanceWith({ "x-api-key": key.token })).toBe("ok");
    await as(org.admin).apiKeys.revoke({ id: key.apiKeyId });
    expect(await balanceWith({ authorization: `Bearer ${key.token}` })).toBe("UNAUTHORIZED");
    expect(await balanceWith({ "x-api-key": key.token })).toBe("UNAUTHORIZED");
    const [listed] = (await as(org.admin).apiKeys.list()).filter((k) => k.id === key.apiKeyId);
    expect(listed?.revokedAt).toBeInstanceOf(Date);
  });

  it("malformed and unknown keys are UNAUTHORIZED", async () => {
    const { token } = org.apiKey;
    const lastChar = token.at(-1) === "A" ? "B" : "A";
    const presented = [
      "",
      "allot_",
      "not-a-key",
      `${token} extra`,
      token.slice(0, -1),
      `${token.slice(0, -1)}${lastChar}`,
      `allot_${"Z".repeat(12)}_${"a".repeat(43)}`,
      token.toUpperCase(),
    ];
    for (const candidate of presented) {
      expect(await balanceWith({ authorization: `Bearer ${candidate}` }), candidate).toBe("UNAUTHORIZED");
    }
    expect(await balanceWith({ authorization: `Bearer ${token}` })).toBe("ok");
  });
});

describe("administrators", () => {
  it("the last administrator can be neither demoted nor removed", async () => {
    const org = await createTestOrg(db);
    const admin = as(org.admin).org;
    expect(await outcomeOf(admin.updateMember({ memberId: org.admin.memberId, role: "member" }))).toBe("CONFLICT");
    expect(await outcomeOf(admin.removeMember({ memberId: org.admin.memberId }))).toBe("CONFLICT");
    await admin.updateMember({ memberId: org.finance.memberId, role: "admin" });
    await admin.updateMember({ memberId: org.admin.memberId, role: "member" });
    const admins = (await as({ ...org.finance, role: "admin" }).org.members()).filter((m) => m.role === "admin" && !m.removedAt);
    expect(admins.map((m) => m.id)).toEqual([org.finance.memberId]);
  });

  it("two administrators demoting each other at once leave one administrator", async () => {
    const orgs = await Promise.all([1, 2, 3].map(() => createTestOrg(db)));
    for (const org of orgs) {
      await as(org.admin).org.updateMember({ memberId: org.finance.memberId, role: "admin" });
      const secondAdmin = { ...org.finance, role: "admin" as const };
      const outcomes = await Promise.all([
        outcomeOf(as(org.admin).org.updateMember({ memberId: org.finance.memberId, role: "member" })),
        outcomeOf(as(secondAdmin).org.removeMember({ memberId: org.admin.memberId })),
      ]);
      expect(outcomes.sort()).toEqual(["CONFLICT", "ok"]);
      const admins = await db
        .select()
        .from(members)
        .where(and(eq(members.orgId, org.orgId), eq(members.role, "admin"), isNull(members.removedAt)));
      expect(admins).toHaveLength(1);
    }
  });
});

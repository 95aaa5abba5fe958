import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { alerts, outboxMessages } from "../../db/schema";
import type { Principal } from "../../server/auth/principal";
import { appRouter, createCaller } from "../../server/api/root";
import { createBudget } from "../../server/budgets/manage-budgets";
import { createPurchase } from "../../server/purchases/create-purchase";
import { updatePurchaseSettings } from "../../server/purchases/settings";
import { getCreditBalance } from "../../server/ledger/balance";
import { createInvite } from "../../server/identity/invites";
import { createAgent } from "../../server/orgs/agents";
import { createDepartment } from "../../server/orgs/departments";
import { createProject } from "../../server/orgs/projects";
import { dispatchOutbox } from "../../server/outbox/dispatch";
import { createDraft, publishVersion } from "../../server/pricing/versions";
import { createMetric } from "../../server/outcomes/metrics";
import { recordOutcomes } from "../../server/outcomes/record-outcomes";
import { recordUsage } from "../../server/usage/record-usage";
import { sendTestEvent } from "../../server/webhooks/deliveries";
import { createEndpoint } from "../../server/webhooks/endpoints";
import { authorizeReservation } from "../../server/usage/reservations";
import { outcomeOf } from "../support/api-errors";
import { snapshotOrganization } from "../support/api-org-snapshot";
import { useTestDatabase } from "../support/database";
import { createTestOrg, TEST_MODELS, type TestOrg } from "../support/fixtures";

/**
 * Invariant 7: organisation B, holding organisation A's ids, can neither read nor change A's rows.
 * Every procedure of the router needs a case here; after each one A's rows are compared with a
 * snapshot, and nothing B gets back may contain any id of A's.
 */
const db = useTestDatabase();

interface TenantA {
  org: TestOrg;
  /** Slugs that exist only in A (slugs are per organisation). */
  onlySlugs: { department: string; project: string; agent: string; model: string };
  projectId: string;
  agentId: string;
  draftVersionId: string;
  reservationId: string;
  /** A pause budget on A's own department, the alerts its spend raised and the e-mails they sent. */
  budgetId: string;
  alertId: string;
  messageId: string;
  /** A's first event, recorded under this idempotency key. */
  sharedIdempotencyKey: string;
  eventInput: { model: string; inputTokens: number; outputTokens: number };
  /** A's purchase waiting for approval, and one whose invoice waits for payment. */
  pendingPurchaseId: string;
  invoicedPurchaseId: string;
  purchaseInput: { idempotencyKey: string; creditsMicros: number };
  /** A's webhook endpoint and a delivery to it (a test event, to a port where nobody listens). */
  endpointId: string;
  webhookDeliveryId: string;
  inviteId: string;
  /** An outcome metric of A's own department, and an outcome recorded for it under "a-outcome". */
  metricId: string;
}

let a: TenantA;
let b: TestOrg;
let snapshotOfA: Record<string, unknown[]>;
let idsOfA: Set<string>;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const as = (principal: Principal) => createCaller({ db, principal });

async function setUpTenantA(): Promise<TenantA> {
  const org = await createTestOrg(db);
  const actor = "system";
  const department = await createDepartment(db, { orgId: org.orgId, actor, slug: "a-only-dept", name: "A only" });
  const project = await createProject(db, { orgId: org.orgId, actor, slug: "a-only-project", name: "A only", departmentId: department.id });
  const agent = await createAgent(db, { orgId: org.orgId, actor, slug: "a-only-agent", name: "A only", departmentId: department.id, projectId: project.id });
  const aOnlyModel = { ...TEST_MODELS[0]!, model: "a-only-model" };
  const { id: secondVersion } = await createDraft(db, { orgId: org.orgId, actor, models: [...TEST_MODELS, aOnlyModel] });
  await publishVersion(db, { orgId: org.orgId, actor, versionId: secondVersion });
  const { id: draftVersionId } = await createDraft(db, { orgId: org.orgId, actor, note: "A's draft" });

  // 460,000 µcr on a-only-dept below cross 50, 75 and 90 % of this budget; the e-mails go out through the dev mailbox.
  const budget = await createBudget(db, org.admin, {
    name: "A only",
    scope: "department",
    departmentId: department.id,
    period: "month",
    limitMicros: 500_000,
    mode: "pause",
    notifyRoles: ["admin", "department_head"],
  });
  const eventInput = { model: "test-large", inputTokens: 40_000, outputTokens: 2_000 };
  await recordUsage(db, org.apiKey, [
    { idempotencyKey: "shared-key", ...eventInput, agent: "a-only-agent", user: org.member.email },
    { idempotencyKey: "a-2", model: "a-only-model", inputTokens: 1_000, outputTokens: 10, agent: "support-bot" },
  ]);
  const hold = await authorizeReservation(db, org.apiKey, { idempotencyKey: "a-hold", amountMicros: 5_000, ttlSeconds: 3_600, agent: "support-bot" });
  await dispatchOutbox(db, { orgId: org.orgId });
  const [alert] = await db.select().from(alerts).where(eq(alerts.orgId, org.orgId));
  const [message] = await db.select().from(outboxMessages).where(eq(outboxMessages.orgId, org.orgId));
  await updatePurchaseSettings(db, org.orgId, actor, { approvalThresholdMinor: 10_000, commitment: { monthlyMinimumMinor: 1_000, months: 12, discountBps: 100, startMonth: "2026-01" } });
  const purchaseInput = { idempotencyKey: "a-purchase", creditsMicros: 2_000_000_000_000 };
  const pending = await createPurchase(db, org.member, { ...purchaseInput, annualPrepay: false });
  const invoiced = await createPurchase(db, org.member, { idempotencyKey: "a-invoiced", creditsMicros: 1_000_000, annualPrepay: false });
  const { endpoint } = await createEndpoint(db, org.admin, { url: "http://127.0.0.1:9/a-hooks", eventTypes: ["balance.low"] });
  const webhookDelivery = await sendTestEvent(db, org.admin, endpoint.id);
  const invite = await createInvite(db, { orgId: org.orgId, actor, inviterName: "A admin", email: "a-invitee@example.test", role: "finance" });
  const metric = await createMetric(db, org.admin, { departmentId: department.id, slug: "a-only-metric", name: "A only", unit: "thing", valuePerUnitMinor: 100 });
  await recordOutcomes(db, org.apiKey, [{ idempotencyKey: "a-outcome", metric: "a-only-metric", quantity: 2, agent: "a-only-agent" }]);
  return {
    org,
    onlySlugs: { department: "a-only-dept", project: "a-only-project", agent: "a-only-agent", model: "a-only-model" },
    projectId: project.id,
    agentId: agent.id,
    draftVersionId,
    reservationId: hold.reservationId,
    budgetId: budget.id,
    alertId: alert!.id,
    messageId: message!.id,
    sharedIdempotencyKey: "shared-key",
    eventInput,
    pendingPurchaseId: pending.purchase.id,
    invoicedPurchaseId: invoiced.purchase.id,
    purchaseInput,
    endpointId: endpoint.id,
    webhookDeliveryId: webhookDelivery.messageId,
    inviteId: invite.id,
    metricId: metric.id,
  };
}

beforeAll(async () => {
  [a, b] = await Promise.all([setUpTenantA(), createTestOrg(db)]);
  // B has a budget, an alert and an e-mail of its own, so that its lists are not empty by accident.
  await createBudget(db, b.admin, { name: "B support", scope: "department", departmentId: b.departments.support, period: "month", limitMicros: 200 });
  await recordUsage(db, b.apiKey, [{ idempotencyKey: "b-1", model: "test-small", inputTokens: 100, outputTokens: 10, agent: "support-bot" }]);
  await createInvite(db, { orgId: b.orgId, actor: "system", inviterName: "B admin", email: `invitee.${b.slug}@example.test`, role: "member" });
  await dispatchOutbox(db, { orgId: b.orgId });
  await createEndpoint(db, b.admin, { url: "http://127.0.0.1:9/b-hooks", eventTypes: ["grant.expired"] });
  await createMetric(db, b.admin, { departmentId: b.departments.support, slug: "b-metric", name: "B metric", unit: "thing", valuePerUnitMinor: 100 });
  snapshotOfA = await snapshotOrganization(db, a.org.orgId);
  idsOfA = new Set(JSON.stringify(snapshotOfA).match(UUID));
});

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const alertIdsOf = async (orgId: string) => (await db.select({ id: alerts.id }).from(alerts).where(eq(alerts.orgId, orgId))).map((row) => row.id);

/** Each case acts as B with A's ids and checks what B got; it returns what B saw, to be searched for A's ids. */
type TenancyCase = () => Promise<unknown>;

const cases: Record<string, TenancyCase> = {
  "pricing.list": async () => {
    const catalog = await as(b.apiKey).pricing.list();
    expect(catalog.current?.id).toBe(b.priceVersionId);
    expect(catalog.current?.models.map((m) => m.model)).not.toContain(a.onlySlugs.model);
    return catalog;
  },
  "pricing.estimate": async () => {
    const estimate = await as(b.apiKey).pricing.estimate({ model: "test-small", inputTokens: 1_000 });
    expect(estimate.priceVersionId).toBe(b.priceVersionId);
    expect(await outcomeOf(as(b.apiKey).pricing.estimate({ model: a.onlySlugs.model, inputTokens: 1_000 }))).toBe("UNKNOWN_MODEL");
    return estimate;
  },
  "pricing.versions": async () => {
    const versions = await as(b.finance).pricing.versions();
    expect(versions.map((v) => v.id)).toContain(b.priceVersionId);
    return versions;
  },
  "pricing.version": async () => {
    expect(await outcomeOf(as(b.finance).pricing.version({ versionId: a.org.priceVersionId }))).toBe("NOT_FOUND");
    expect(await outcomeOf(as(b.admin).pricing.version({ versionId: a.draftVersionId }))).toBe("NOT_FOUND");
  },
  "pricing.createDraft": async () => {
    expect(await outcomeOf(as(b.admin).pricing.createDraft({ fromVersionId: a.org.priceVersionId }))).toBe("NOT_FOUND");
  },
  "pricing.importLitellm": async () => {
    const json = JSON.stringify({ "b-model": { input_cost_per_token: 1e-6, output_cost_per_token: 2e-6, litellm_provider: "b", mode: "chat" } });
    const imported = await as(b.admin).pricing.importLitellm({ json, creditValueUsd: "0.01" });
    expect((await as(b.admin).pricing.version({ versionId: imported.versionId })).orgId).toBe(b.orgId);
    return imported;
  },
  "pricing.setModelPrice": async () => {
    const price = { ...TEST_MODELS[0]!, model: "injected" };
    expect(await outcomeOf(as(b.admin).pricing.setModelPrice({ versionId: a.draftVersionId, price }))).toBe("NOT_FOUND");
  },
  "pricing.removeModelPrice": async () => {
    expect(await outcomeOf(as(b.admin).pricing.removeModelPrice({ versionId: a.draftVersionId, model: "test-small" }))).toBe("NOT_FOUND");
  },
  "pricing.setOperationPrice": async () => {
    const price = { operation: "agent_run", unit: "run", microsPerUnit: 1 };
    expect(await outcomeOf(as(b.admin).pricing.setOperationPrice({ versionId: a.draftVersionId, price }))).toBe("NOT_FOUND");
  },
  "pricing.discardDraft": async () => {
    expect(await outcomeOf(as(b.admin).pricing.discardDraft({ versionId: a.draftVersionId }))).toBe("NOT_FOUND");
  },
  "pricing.publish": async () => {
    expect(await outcomeOf(as(b.admin).pricing.publish({ versionId: a.draftVersionId }))).toBe("NOT_FOUND");
  },

  "usage.record": async () => {
    const record = as(b.apiKey).usage.record;
    expect(await outcomeOf(record({ idempotencyKey: "b-a-agent", model: "test-small", inputTokens: 1, agent: a.onlySlugs.agent }))).toBe("NOT_FOUND");
    // Idempotency keys are per organisation: A's key with A's payload is new usage for B, not A's answer.
    const own = await record({ idempotencyKey: a.sharedIdempotencyKey, ...a.eventInput, agent: "support-bot" });
    expect(own.replay).toBe(false);
    return own;
  },
  "usage.recordBatch": async () => {
    const events = [
      { idempotencyKey: "b-batch-1", model: "test-small", inputTokens: 1 },
      { idempotencyKey: "b-batch-2", model: "test-small", inputTokens: 1, department: a.onlySlugs.department },
    ];
    expect(await outcomeOf(as(b.apiKey).usage.recordBatch({ events }))).toBe("NOT_FOUND");
  },
  "usage.authorize": async () => {
    const input = { idempotencyKey: "b-hold-a-project", amountMicros: 1_000, project: a.onlySlugs.project };
    expect(await outcomeOf(as(b.apiKey).usage.authorize(input))).toBe("NOT_FOUND");
  },
  "usage.settle": async () => {
    const input = { reservationId: a.reservationId, model: "test-small", inputTokens: 10 };
    expect(await outcomeOf(as(b.apiKey).usage.settle(input))).toBe("NOT_FOUND");
  },
  "usage.release": async () => {
    expect(await outcomeOf(as(b.apiKey).usage.release({ reservationId: a.reservationId }))).toBe("NOT_FOUND");
  },
  "usage.list": async () => {
    const all = await as(b.apiKey).usage.list({});
    expect(all.events.length).toBeGreaterThan(0);
    const filtered = await as(b.admin).usage.list({ departmentId: a.org.departments.support, agentId: a.agentId });
    expect(filtered.events).toEqual([]);
    expect((await as(b.admin).usage.list({ projectId: a.projectId })).events).toEqual([]);
    return [all, filtered];
  },
  "usage.daily": async () => {
    const days = await as(b.apiKey).usage.daily({ days: 2 });
    const events = await as(b.admin).usage.list({ limit: 500 });
    expect(sum(days.map((d) => d.chargedMicros))).toBe(sum(events.events.map((e) => e.chargedMicros)));
    expect(sum(days.map((d) => d.events))).toBe(events.events.length);
    return days;
  },

  "reports.usage": async () => {
    const own = await as(b.apiKey).reports.usage({});
    const events = await as(b.admin).usage.list({ limit: 500 });
    expect(own.totals.chargedMicros).toBe(sum(events.events.map((e) => e.chargedMicros)));
    expect(own.totals.events).toBe(events.events.length);
    const aimedAtA = await as(b.admin).reports.usage({ breakdown: "agent", filter: { agent: [a.agentId], project: [a.projectId] } });
    expect(aimedAtA.totals.events).toBe(0);
    expect(aimedAtA.series).toEqual([]);
    expect((await as(b.admin).reports.usage({ filter: { model: [a.onlySlugs.model] } })).totals.events).toBe(0);
    return [own, aimedAtA];
  },
  "reports.projection": async () => {
    const projection = await as(b.apiKey).reports.projection({});
    expect(projection.balance?.availableMicros).toBe((await getCreditBalance(db, b.orgId)).availableMicros);
    const aimedAtA = await as(b.admin).reports.projection({ filter: { agent: [a.agentId] } });
    expect(aimedAtA).toMatchObject({ spentMicros: 0, balance: null, method: "no-history" });
    return [projection, aimedAtA];
  },

  "credits.balance": async () => {
    const balance = await as(b.apiKey).credits.balance();
    expect(balance).toEqual(await getCreditBalance(db, b.orgId));
    expect(balance.heldMicros).toBe(0);
    return balance;
  },
  "credits.grants": async () => {
    const grants = await as(b.finance).credits.grants();
    expect(grants.length).toBeGreaterThan(0);
    return grants;
  },
  "credits.grant": async () => as(b.admin).credits.grant({ amountMicros: 1_000, memo: "B's adjustment" }),
  "credits.remove": async () => as(b.admin).credits.remove({ amountMicros: 1_000, memo: "B's removal" }),

  "apiKeys.list": async () => {
    const keys = await as(b.admin).apiKeys.list();
    expect(keys.map((k) => k.id)).toContain(b.apiKey.apiKeyId);
    return keys;
  },
  "apiKeys.create": async () => {
    const input = { name: "B key for A's department", scopes: ["usage:read" as const], departmentId: a.org.departments.support };
    expect(await outcomeOf(as(b.admin).apiKeys.create(input))).toBe("INVALID_INPUT");
  },
  "apiKeys.revoke": async () => {
    expect(await outcomeOf(as(b.admin).apiKeys.revoke({ id: a.org.apiKey.apiKeyId }))).toBe("NOT_FOUND");
  },

  "org.get": async () => {
    const org = await as(b.member).org.get();
    expect(org.id).toBe(b.orgId);
    return org;
  },
  "org.memberships": async () => {
    const memberships = await as(b.member).org.memberships();
    expect(memberships.map((m) => m.orgId)).toEqual([b.orgId]);
    return memberships;
  },
  "org.updateSettings": async () => as(b.admin).org.updateSettings({ name: "B renamed", timeZone: "Europe/Paris" }),
  "org.departments": async () => {
    const departments = await as(b.member).org.departments();
    expect(new Set(departments.map((d) => d.orgId))).toEqual(new Set([b.orgId]));
    return departments;
  },
  "org.createDepartment": async () => {
    // A's slug is free in B: slugs are per organisation.
    const department = await as(b.admin).org.createDepartment({ slug: a.onlySlugs.department, name: "B's own" });
    expect(department.orgId).toBe(b.orgId);
    return department;
  },
  "org.updateDepartment": async () => {
    expect(await outcomeOf(as(b.admin).org.updateDepartment({ id: a.org.departments.support, name: "taken over" }))).toBe("NOT_FOUND");
  },
  "org.projects": async () => {
    const projects = await as(b.member).org.projects();
    expect(new Set(projects.map((p) => p.orgId))).toEqual(new Set([b.orgId]));
    return projects;
  },
  "org.createProject": async () => {
    const input = { slug: "b-project", name: "B project", departmentId: a.org.departments.support };
    expect(await outcomeOf(as(b.admin).org.createProject(input))).toBe("INVALID_INPUT");
  },
  "org.updateProject": async () => {
    expect(await outcomeOf(as(b.admin).org.updateProject({ id: a.projectId, name: "taken over" }))).toBe("NOT_FOUND");
    const [own] = await as(b.admin).org.projects();
    expect(await outcomeOf(as(b.admin).org.updateProject({ id: own!.id, departmentId: a.org.departments.support }))).toBe("INVALID_INPUT");
  },
  "org.agents": async () => {
    const agents = await as(b.member).org.agents();
    expect(new Set(agents.map((agent) => agent.orgId))).toEqual(new Set([b.orgId]));
    return agents;
  },
  "org.createAgent": async () => {
    const input = { slug: "b-agent", name: "B agent", departmentId: a.org.departments.support };
    expect(await outcomeOf(as(b.admin).org.createAgent(input))).toBe("INVALID_INPUT");
    const withProject = { slug: "b-agent", name: "B agent", departmentId: b.departments.support, projectId: a.projectId };
    expect(await outcomeOf(as(b.admin).org.createAgent(withProject))).toBe("INVALID_INPUT");
  },
  "org.updateAgent": async () => {
    expect(await outcomeOf(as(b.admin).org.updateAgent({ id: a.agentId, archived: true }))).toBe("NOT_FOUND");
    const [own] = await as(b.admin).org.agents();
    expect(await outcomeOf(as(b.admin).org.updateAgent({ id: own!.id, departmentId: a.org.departments.sales }))).toBe("INVALID_INPUT");
  },
  "org.members": async () => {
    const members = await as(b.admin).org.members();
    expect(members.map((m) => m.id)).toContain(b.admin.memberId);
    return members;
  },
  "org.addMember": async () => {
    const person = { email: `new.${b.slug}@example.test`, name: "New" };
    expect(await outcomeOf(as(b.admin).org.addMember({ ...person, role: "member", departmentId: a.org.departments.support }))).toBe("INVALID_INPUT");
    const head = { ...person, role: "department_head" as const, headOfDepartmentIds: [a.org.departments.support] };
    expect(await outcomeOf(as(b.admin).org.addMember(head))).toBe("INVALID_INPUT");
  },
  "org.updateMember": async () => {
    expect(await outcomeOf(as(b.admin).org.updateMember({ memberId: a.org.admin.memberId, role: "member" }))).toBe("NOT_FOUND");
    const ownMember = { memberId: b.member.memberId, departmentId: a.org.departments.support };
    expect(await outcomeOf(as(b.admin).org.updateMember(ownMember))).toBe("INVALID_INPUT");
    const ownHead = { memberId: b.supportHead.memberId, headOfDepartmentIds: [a.org.departments.sales] };
    expect(await outcomeOf(as(b.admin).org.updateMember(ownHead))).toBe("INVALID_INPUT");
  },
  "org.removeMember": async () => {
    expect(await outcomeOf(as(b.admin).org.removeMember({ memberId: a.org.member.memberId }))).toBe("NOT_FOUND");
  },

  "budgets.status": async () => {
    expect(await outcomeOf(as(b.apiKey).budgets.status({ agent: a.onlySlugs.agent }))).toBe("NOT_FOUND");
    const status = await as(b.apiKey).budgets.status({ agent: "support-bot" });
    expect(status.budgets.map((budget) => [budget.name, budget.limitMicros])).toEqual([["B support", 200]]);
    return status;
  },
  "budgets.list": async () => {
    const list = await as(b.finance).budgets.list({ includeArchived: true });
    expect(list.map((row) => row.budget.orgId)).toEqual([b.orgId]);
    return list;
  },
  "budgets.get": async () => {
    expect(await outcomeOf(as(b.admin).budgets.get({ budgetId: a.budgetId }))).toBe("NOT_FOUND");
  },
  "budgets.create": async () => {
    const common = { name: "B on A's", period: "month" as const, limitMicros: 1_000 };
    expect(await outcomeOf(as(b.admin).budgets.create({ ...common, scope: "department", departmentId: a.org.departments.support }))).toBe("INVALID_INPUT");
    expect(await outcomeOf(as(b.admin).budgets.create({ ...common, scope: "agent", agentId: a.agentId }))).toBe("INVALID_INPUT");
    expect(await outcomeOf(as(b.admin).budgets.create({ ...common, scope: "project", projectId: a.projectId }))).toBe("INVALID_INPUT");
    expect(await outcomeOf(as(b.supportHead).budgets.create({ ...common, scope: "agent", agentId: a.agentId }))).toBe("NOT_FOUND");
    expect(await outcomeOf(as(b.supportHead).budgets.create({ ...common, scope: "department", departmentId: a.org.departments.support }))).toBe("FORBIDDEN");
  },
  "budgets.update": async () => {
    expect(await outcomeOf(as(b.admin).budgets.update({ budgetId: a.budgetId, limitMicros: 1, archived: true }))).toBe("NOT_FOUND");
  },
  "budgets.resume": async () => {
    expect(await outcomeOf(as(b.finance).budgets.resume({ budgetId: a.budgetId }))).toBe("NOT_FOUND");
  },
  "alerts.list": async () => {
    const list = await as(b.admin).alerts.list();
    expect(list.map((alert) => alert.id).sort()).toEqual((await alertIdsOf(b.orgId)).sort());
    expect(new Set(list.map((alert) => alert.budgetName))).toEqual(new Set(["B support"]));
    return list;
  },
  "alerts.openCount": async () => {
    expect(await as(b.admin).alerts.openCount()).toBe((await alertIdsOf(b.orgId)).length);
  },
  "alerts.acknowledge": async () => {
    expect(await outcomeOf(as(b.admin).alerts.acknowledge({ alertId: a.alertId }))).toBe("NOT_FOUND");
  },
  "outbox.list": async () => {
    const messages = await as(b.admin).outbox.list();
    const ownIds = (await db.select({ id: outboxMessages.id }).from(outboxMessages).where(eq(outboxMessages.orgId, b.orgId))).map((row) => row.id);
    expect(messages.map((message) => message.id).sort()).toEqual(ownIds.sort());
    return messages;
  },
  "outbox.get": async () => {
    expect(await outcomeOf(as(b.admin).outbox.get({ messageId: a.messageId }))).toBe("NOT_FOUND");
  },
  "outbox.resend": async () => {
    expect(await outcomeOf(as(b.admin).outbox.resend({ messageId: a.messageId }))).toBe("NOT_FOUND");
  },
  "outbox.sendTest": async () => {
    const sent = await as(b.supportHead).outbox.sendTest();
    expect((await as(b.admin).outbox.get({ messageId: sent.messageId })).recipient).toBe(b.supportHead.email);
    return sent;
  },
  "outbox.mailbox": async () => {
    const mailbox = await as(b.admin).outbox.mailbox();
    expect(mailbox.length).toBeGreaterThan(0);
    expect(mailbox.filter((message) => !message.recipient.endsWith(`.${b.slug}@example.test`))).toEqual([]);
    return mailbox;
  },
  "outbox.mailboxMessage": async () => {
    expect(await outcomeOf(as(b.admin).outbox.mailboxMessage({ messageId: a.messageId }))).toBe("NOT_FOUND");
  },

  "purchases.settings": async () => {
    const settings = await as(b.member).purchases.settings();
    expect(settings).toMatchObject({ approvalThresholdMinor: null, commitment: null });
    return settings;
  },
  "purchases.updateSettings": async () => as(b.finance).purchases.updateSettings({ taxRateBps: 1_000, annualPrepayDiscountBps: 200 }),
  "purchases.quote": async () => {
    const quote = await as(b.apiKey).purchases.quote({ creditsMicros: a.purchaseInput.creditsMicros });
    expect(quote).toMatchObject({ commitment: null, approval: { approvers: 0 } });
    return quote;
  },
  "purchases.create": async () => {
    // A's key with A's payload is a new purchase in B, not A's answer.
    const created = await as(b.member).purchases.create(a.purchaseInput);
    expect(created.replay).toBe(false);
    return created;
  },
  "purchases.list": async () => {
    const rows = await as(b.admin).purchases.list();
    expect(rows.map((row) => row.id)).not.toContain(a.pendingPurchaseId);
    return rows;
  },
  "purchases.get": async () => {
    expect(await outcomeOf(as(b.admin).purchases.get({ purchaseId: a.pendingPurchaseId }))).toBe("NOT_FOUND");
  },
  "purchases.markPaid": async () => {
    expect(await outcomeOf(as(b.finance).purchases.markPaid({ purchaseId: a.invoicedPurchaseId }))).toBe("NOT_FOUND");
  },
  "purchases.cancel": async () => {
    expect(await outcomeOf(as(b.admin).purchases.cancel({ purchaseId: a.pendingPurchaseId }))).toBe("NOT_FOUND");
    expect(await outcomeOf(as(b.finance).purchases.cancel({ purchaseId: a.invoicedPurchaseId }))).toBe("NOT_FOUND");
  },
  "purchases.commitmentShortfall": async () => {
    const shortfall = await as(b.finance).purchases.commitmentShortfall();
    expect(shortfall).toMatchObject({ contract: null, months: [] });
    return shortfall;
  },
  "approvals.inbox": async () => {
    const inbox = await as(b.finance).approvals.inbox();
    expect(inbox.map((item) => item.id)).not.toContain(a.pendingPurchaseId);
    return inbox;
  },
  "approvals.pendingCount": async () => {
    expect(await as(b.admin).approvals.pendingCount()).toBe((await as(b.admin).approvals.inbox()).length);
  },
  "approvals.approve": async () => {
    expect(await outcomeOf(as(b.finance).approvals.approve({ purchaseId: a.pendingPurchaseId }))).toBe("NOT_FOUND");
  },
  "approvals.reject": async () => {
    expect(await outcomeOf(as(b.finance).approvals.reject({ purchaseId: a.pendingPurchaseId, comment: "taken over" }))).toBe("NOT_FOUND");
  },

  "webhooks.list": async () => {
    const endpoints = await as(b.admin).webhooks.list();
    expect(endpoints.map((endpoint) => endpoint.url)).toEqual(["http://127.0.0.1:9/b-hooks"]);
    return endpoints;
  },
  "webhooks.get": async () => {
    expect(await outcomeOf(as(b.admin).webhooks.get({ endpointId: a.endpointId }))).toBe("NOT_FOUND");
  },
  "webhooks.create": async () => {
    const { endpoint } = await as(b.admin).webhooks.create({ url: "http://127.0.0.1:9/a-hooks", eventTypes: ["balance.low"] });
    return endpoint;
  },
  "webhooks.update": async () => {
    expect(await outcomeOf(as(b.admin).webhooks.update({ endpointId: a.endpointId, url: "http://127.0.0.1:9/stolen", enabled: false }))).toBe("NOT_FOUND");
  },
  "webhooks.rotateSecret": async () => {
    expect(await outcomeOf(as(b.admin).webhooks.rotateSecret({ endpointId: a.endpointId }))).toBe("NOT_FOUND");
  },
  "webhooks.deliveries": async () => {
    expect(await outcomeOf(as(b.admin).webhooks.deliveries({ endpointId: a.endpointId }))).toBe("NOT_FOUND");
  },
  "webhooks.attempts": async () => {
    expect(await outcomeOf(as(b.admin).webhooks.attempts({ endpointId: a.endpointId }))).toBe("NOT_FOUND");
  },
  "webhooks.replay": async () => {
    expect(await outcomeOf(as(b.admin).webhooks.replay({ messageId: a.webhookDeliveryId }))).toBe("NOT_FOUND");
  },
  "webhooks.sendTest": async () => {
    expect(await outcomeOf(as(b.admin).webhooks.sendTest({ endpointId: a.endpointId }))).toBe("NOT_FOUND");
  },
  "invites.list": async () => {
    const invites = await as(b.admin).invites.list();
    expect(invites.map((invite) => invite.orgId)).toEqual([b.orgId]);
    return invites;
  },
  "invites.create": async () => {
    const email = `invited.${b.slug}@example.test`;
    expect(await outcomeOf(as(b.admin).invites.create({ email, role: "member", departmentId: a.org.departments.support }))).toBe("INVALID_INPUT");
    const head = { email, role: "department_head" as const, headOfDepartmentIds: [a.org.departments.support] };
    expect(await outcomeOf(as(b.admin).invites.create(head))).toBe("INVALID_INPUT");
  },
  "invites.resend": async () => {
    expect(await outcomeOf(as(b.admin).invites.resend({ inviteId: a.inviteId }))).toBe("NOT_FOUND");
  },
  "invites.revoke": async () => {
    expect(await outcomeOf(as(b.admin).invites.revoke({ inviteId: a.inviteId }))).toBe("NOT_FOUND");
  },
  "outcomes.record": async () => {
    expect(await outcomeOf(as(b.apiKey).outcomes.record({ idempotencyKey: "x", metric: "a-only-metric", quantity: 1 }))).toBe("NOT_FOUND");
    // A's idempotency key in B is B's own first use of it.
    const recorded = await as(b.apiKey).outcomes.record({ idempotencyKey: "a-outcome", metric: "b-metric", quantity: 2 });
    expect(recorded.replay).toBe(false);
    return recorded;
  },
  "outcomes.metrics": async () => {
    const metrics = await as(b.admin).outcomes.metrics({ includeArchived: true });
    expect(metrics.map((m) => m.slug)).toEqual(["b-metric"]);
    return metrics;
  },
  "outcomes.list": async () => {
    expect(await as(b.finance).outcomes.list({ departmentId: a.org.departments.support })).toEqual([]);
    const rows = await as(b.apiKey).outcomes.list({});
    expect(rows.every((row) => row.metricSlug === "b-metric")).toBe(true);
    return rows;
  },
  "outcomes.createMetric": async () => {
    const input = { departmentId: a.org.departments.support, slug: "injected", name: "Injected", unit: "x", valuePerUnitMinor: 1 };
    expect(await outcomeOf(as(b.admin).outcomes.createMetric(input))).toBe("NOT_FOUND");
  },
  "outcomes.updateMetric": async () => {
    expect(await outcomeOf(as(b.admin).outcomes.updateMetric({ metricId: a.metricId, valuePerUnitMinor: 1 }))).toBe("NOT_FOUND");
  },
  "reports.models": async () => {
    const report = await as(b.apiKey).reports.models({ days: 366 });
    expect(report.taskTypes.flatMap((t) => t.models.map((m) => m.model))).not.toContain(a.onlySlugs.model);
    return report;
  },
  "reports.whatIf": async () => {
    const result = await as(b.admin).reports.whatIf({ days: 366, taskType: "(none)", routing: [{ model: "test-small", percent: 100 }] });
    expect(result.actualByModel.map((row) => row.model)).not.toContain(a.onlySlugs.model);
    return result;
  },
  "reports.roi": async () => {
    const report = await as(b.finance).reports.roi({ departmentIds: [a.org.departments.support] });
    expect(report.departments).toEqual([]);
    const own = await as(b.admin).reports.roi({});
    expect(own.departments.map((d) => d.name)).toContain("Customer support");
    expect(own.departments.map((d) => d.name)).not.toContain("A only");
    return own;
  },
};

describe("tenancy: organisation B holding organisation A's ids", () => {
  it("has a case for every procedure, and no case for a procedure that does not exist", () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
  });

  for (const path of Object.keys(appRouter._def.procedures)) {
    it(`${path}: refused or answered with B's rows only; A's rows unchanged`, async () => {
      const run = cases[path];
      if (!run) throw new Error(`No tenancy case for ${path}: add one`);
      const seen = JSON.stringify((await run()) ?? null);
      expect(seen.match(UUID)?.filter((id) => idsOfA.has(id)) ?? []).toEqual([]);
      expect(await snapshotOrganization(db, a.org.orgId)).toEqual(snapshotOfA);
    });
  }
});

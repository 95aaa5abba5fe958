import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, outboxMessages } from "../../db/schema";
import { createCaller } from "../../server/api/root";
import { claimDueMessages, deliverClaimed, dispatchOutbox, sendClaimed } from "../../server/outbox/dispatch";
import { emailContextFor } from "../../server/outbox/email-context";
import { createResendSender, type EmailSender } from "../../server/outbox/email-sender";
import { useConnections } from "../support/db-connections";
import { useTestDatabase } from "../support/database";
import { startFakeResend, type FakeResend } from "../support/fake-resend";
import { createTestOrg } from "../support/fixtures";

/**
 * Invariant 5 end to end: a stampede of spend crosses every threshold of a budget; each (budget,
 * period, threshold) alert is raised once, and its e-mail reaches each recipient exactly once even
 * though the dispatcher dies half-way and another takes over.
 */
const db = useTestDatabase(2);
const CONNECTIONS = 50;
const CALLS = 100;
const connections = useConnections(CONNECTIONS);
let fake: FakeResend;
let resend: EmailSender;

beforeAll(async () => {
  fake = await startFakeResend();
  resend = createResendSender({ apiKey: fake.apiKey, baseUrl: fake.url, from: "Allot <alerts@allot.local>", timeoutMs: 5_000 });
});
afterAll(() => fake.close());

/** test-small bills 1 µcr per input token: each call spends 1,000 µcr; 80 calls reach the limit. */
const COST = 1_000;
const LIMIT = 80 * COST;

describe("budget alert e-mails", () => {
  it("100 concurrent spends crossing 50/75/90/100 % give 4 alerts, 8 e-mails, each delivered exactly once across a dispatcher restart", async () => {
    const org = await createTestOrg(db);
    const admin = createCaller({ db, principal: org.admin });
    const budget = await admin.budgets.create({
      name: "Organisation daily",
      scope: "organization",
      period: "day",
      limitMicros: LIMIT,
      thresholds: [50, 75, 90, 100],
      notifyRoles: ["admin", "finance"],
    });

    const results = await Promise.allSettled(
      Array.from({ length: CALLS }, (_, index) =>
        createCaller({ db: connections[index % CONNECTIONS]!, principal: org.apiKey }).usage.record({
          idempotencyKey: `crossing-${index}`,
          model: "test-small",
          inputTokens: COST,
        }),
      ),
    );
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);

    const raised = await db.select().from(alerts).where(and(eq(alerts.orgId, org.orgId), eq(alerts.budgetId, budget.id)));
    expect(raised.map((alert) => alert.thresholdPercent).sort((a, b) => a! - b!)).toEqual([50, 75, 90, 100]);
    const queued = await db.select().from(outboxMessages).where(eq(outboxMessages.orgId, org.orgId));
    expect(queued).toHaveLength(8);
    const pairs = queued.map((row) => `${(row.payload as { alertId: string }).alertId}:${row.recipient}`);
    expect(new Set(pairs).size).toBe(8);
    expect(new Set(queued.map((row) => row.recipient))).toEqual(new Set([org.admin.email, org.finance.email]));
    expect(queued.filter((row) => row.template === "budget-exhausted")).toHaveLength(2);

    // Dispatcher A sends one batch properly, then claims another, sends two of it and dies before recording anything.
    const context = await emailContextFor(db, org.orgId);
    for (const claimed of await claimDueMessages(db, { orgId: org.orgId, batchSize: 3 })) await deliverClaimed(db, claimed, context, resend);
    const abandoned = await claimDueMessages(db, { orgId: org.orgId, batchSize: 3 });
    expect(abandoned).toHaveLength(3);
    for (const claimed of abandoned.slice(0, 2)) expect((await sendClaimed(claimed, context, resend)).kind).toBe("accepted");

    // Dispatcher B starts while A's claims still hold: it sends only what nobody holds.
    expect(await dispatchOutbox(db, { sender: resend, orgId: org.orgId, batchSize: 2 })).toMatchObject({ claimed: 2, sent: 2 });
    expect(await db.$count(outboxMessages, and(eq(outboxMessages.orgId, org.orgId), eq(outboxMessages.status, "pending")))).toBe(3);

    // A's leases run out; B takes the three over and re-sends them under the same keys.
    await db.update(outboxMessages).set({ leasedUntil: sql`now() - interval '1 second'` }).where(eq(outboxMessages.orgId, org.orgId));
    expect(await dispatchOutbox(db, { sender: resend, orgId: org.orgId, batchSize: 2 })).toMatchObject({ claimed: 3, sent: 3 });

    const final = await db.select().from(outboxMessages).where(eq(outboxMessages.orgId, org.orgId));
    expect(final.every((row) => row.status === "sent")).toBe(true);
    for (const row of final) {
      expect(fake.deliveredCount(row.id)).toBe(1);
      expect(row.providerMessageId).toBe(fake.deliveries.find((delivery) => delivery.idempotencyKey === row.id)!.id);
    }
    for (const claimed of abandoned) expect(fake.requestsFor(claimed.id)).toHaveLength(claimed === abandoned[2] ? 1 : 2);
    const delivered = fake.deliveries.filter((delivery) => final.some((row) => row.id === delivery.idempotencyKey));
    expect(delivered).toHaveLength(8);
    expect(new Set(delivered.map((delivery) => `${delivery.to.join()}|${delivery.subject}`)).size).toBe(8);
    expect(delivered.filter((delivery) => delivery.subject === 'Budget "Organisation daily" has reached its limit')).toHaveLength(2);
  });
});

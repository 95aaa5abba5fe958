import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organizations, outboxMessages } from "../../db/schema";
import { createCaller } from "../../server/api/root";
import { claimDueMessages, dispatchOutbox, sendClaimed, sendMessageNow } from "../../server/outbox/dispatch";
import { emailContextFor } from "../../server/outbox/email-context";
import { createResendSender, devMailboxSender, type EmailSender } from "../../server/outbox/email-sender";
import { enqueueEmails, type OutgoingEmail } from "../../server/outbox/enqueue";
import { sendTestEmail } from "../../server/outbox/send-test-email";
import { outcomeOf } from "../support/api-errors";
import { useConnections } from "../support/db-connections";
import { useTestDatabase } from "../support/database";
import { startFakeResend, type FakeResend } from "../support/fake-resend";
import { createTestOrg, type TestOrg } from "../support/fixtures";

/**
 * Invariant 5's delivery half: every queued e-mail is retried until Resend accepts it and is never
 * delivered twice — through the real Resend SDK, talking to a fake Resend whose failures we choose.
 */
const db = useTestDatabase();
const connections = useConnections(4);
let fake: FakeResend;
let resend: EmailSender;

beforeAll(async () => {
  fake = await startFakeResend();
  resend = createResendSender({ apiKey: fake.apiKey, baseUrl: fake.url, from: "Allot <alerts@allot.local>", timeoutMs: 2_000 });
});
afterAll(() => fake.close());

const testEmail = (key: string, recipient = `${key}@example.test`): OutgoingEmail => ({
  dedupeKey: key,
  template: "test-message",
  recipient,
  payload: { requestedBy: "the delivery tests" },
});

async function queue(org: TestOrg, ...emails: OutgoingEmail[]): Promise<string[]> {
  await enqueueEmails(db, org.orgId, emails);
  const rows = await db.select({ id: outboxMessages.id, dedupeKey: outboxMessages.dedupeKey }).from(outboxMessages).where(eq(outboxMessages.orgId, org.orgId));
  return emails.map((email) => rows.find((row) => row.dedupeKey === email.dedupeKey)!.id);
}

async function message(org: TestOrg, id: string) {
  const [row] = await db.select().from(outboxMessages).where(and(eq(outboxMessages.orgId, org.orgId), eq(outboxMessages.id, id)));
  return row!;
}

/** Skips the backoff: the next run finds the organisation's pending messages due. */
const makeDue = (org: TestOrg) => db.update(outboxMessages).set({ nextAttemptAt: sql`now()` }).where(eq(outboxMessages.orgId, org.orgId));

const dispatch = (org: TestOrg, sender: EmailSender = resend, handle = db) => dispatchOutbox(handle, { sender, orgId: org.orgId, batchSize: 5 });

describe("delivering the outbox through Resend", () => {
  it("retries after a 500 and delivers once, with the message id as the idempotency key", async () => {
    const org = await createTestOrg(db);
    const [id] = await queue(org, testEmail("retry-500"));
    fake.failNext(1, 500);

    expect(await dispatch(org)).toEqual({ claimed: 1, sent: 0, retrying: 1, failed: 0 });
    const waiting = await message(org, id!);
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, leasedUntil: null });
    expect(waiting.lastError).toMatch(/Resend 500 internal_server_error/);
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 10_000);
    // Not due yet: the backoff holds it back.
    expect((await dispatch(org)).claimed).toBe(0);

    await makeDue(org);
    expect(await dispatch(org)).toMatchObject({ claimed: 1, sent: 1 });
    const sent = await message(org, id!);
    expect(sent).toMatchObject({ status: "sent", attempts: 2, lastError: null, leasedUntil: null });
    expect(sent.sentAt).toBeInstanceOf(Date);
    expect(fake.deliveredCount(id!)).toBe(1);
    const [delivery] = fake.deliveries.filter((d) => d.idempotencyKey === id);
    expect(sent.providerMessageId).toBe(delivery!.id);
    expect(delivery).toMatchObject({ to: ["retry-500@example.test"], from: "Allot <alerts@allot.local>", subject: "Allot test e-mail" });
    expect(fake.requestsFor(id!).map((request) => [request.status, request.authorization])).toEqual([
      [500, `Bearer ${fake.apiKey}`],
      [200, `Bearer ${fake.apiKey}`],
    ]);
  });

  it("keeps a message pending while Resend is down, however long, and delivers it once when it is back", async () => {
    const org = await createTestOrg(db);
    const [id] = await queue(org, testEmail("long-outage"));
    await fake.goDown();
    try {
      for (let run = 1; run <= 12; run++) {
        await makeDue(org);
        expect(await dispatch(org)).toMatchObject({ claimed: 1, retrying: 1 });
        const row = await message(org, id!);
        expect(row).toMatchObject({ status: "pending", attempts: run });
        expect(row.lastError).toMatch(/Resend unreachable/);
        // Backoff grows but never past an hour.
        const waitSeconds = (row.nextAttemptAt.getTime() - Date.now()) / 1000;
        expect(waitSeconds).toBeLessThanOrEqual(3_600);
        if (run >= 8) expect(waitSeconds).toBeGreaterThan(1_700);
      }
    } finally {
      await fake.comeBack();
    }
    await makeDue(org);
    expect(await dispatch(org)).toMatchObject({ sent: 1 });
    expect(await message(org, id!)).toMatchObject({ status: "sent", attempts: 13 });
    expect(fake.deliveredCount(id!)).toBe(1);
  });

  it("fails a message Resend refuses for good (422) with the reason, and does not retry it", async () => {
    const org = await createTestOrg(db);
    const [id] = await queue(org, testEmail("bad-address", "not-an-address"));
    expect(await dispatch(org)).toMatchObject({ claimed: 1, failed: 1 });
    const failed = await message(org, id!);
    expect(failed).toMatchObject({ status: "failed", attempts: 1, sentAt: null });
    expect(failed.lastError).toMatch(/Resend 422 validation_error: Invalid `to` field/);
    await makeDue(org);
    expect((await dispatch(org)).claimed).toBe(0);
    expect(fake.requestsFor(id!)).toHaveLength(1);
    expect(fake.deliveredCount(id!)).toBe(0);
  });

  it("fails a message whose payload its template cannot render, without sending it", async () => {
    const org = await createTestOrg(db);
    const [id] = await queue(org, { dedupeKey: "broken", template: "low-balance", recipient: "x@example.test", payload: { availableMicros: 1.5 } });
    expect(await dispatch(org)).toMatchObject({ failed: 1 });
    expect((await message(org, id!)).lastError).toMatch(/Invalid payload for "low-balance"/);
    expect(fake.requestsFor(id!)).toHaveLength(0);
  });

  it("after a dispatcher died mid-send, the next one re-sends under the same key and Resend does not deliver twice", async () => {
    const org = await createTestOrg(db);
    const [id] = await queue(org, testEmail("crash"));
    const [claimed] = await claimDueMessages(db, { orgId: org.orgId });
    // It reached Resend, then the process died before recording the answer.
    expect((await sendClaimed(claimed!, await emailContextFor(db, org.orgId), resend)).kind).toBe("accepted");
    // Its lease still holds: nobody takes the message over yet.
    expect((await dispatch(org)).claimed).toBe(0);
    await db.update(outboxMessages).set({ leasedUntil: sql`now() - interval '1 second'` }).where(eq(outboxMessages.orgId, org.orgId));
    expect(await dispatch(org)).toMatchObject({ claimed: 1, sent: 1 });
    expect(fake.requestsFor(id!)).toHaveLength(2);
    expect(fake.deliveredCount(id!)).toBe(1);
    const [delivery] = fake.deliveries.filter((d) => d.idempotencyKey === id);
    expect(await message(org, id!)).toMatchObject({ status: "sent", attempts: 2, providerMessageId: delivery!.id });
  });

  it("a send that timed out after Resend accepted it is retried and answered, not delivered again", async () => {
    const org = await createTestOrg(db);
    const [id] = await queue(org, testEmail("timeout"));
    const impatient = createResendSender({ apiKey: fake.apiKey, baseUrl: fake.url, from: "Allot <alerts@allot.local>", timeoutMs: 100 });
    fake.setDelay(300);
    try {
      expect(await dispatch(org, impatient)).toMatchObject({ retrying: 1 });
      expect((await message(org, id!)).lastError).toMatch(/Resend unreachable/);
      await new Promise((resolve) => setTimeout(resolve, 400));
    } finally {
      fake.setDelay(0);
    }
    expect(fake.deliveredCount(id!)).toBe(1);
    await makeDue(org);
    expect(await dispatch(org)).toMatchObject({ sent: 1 });
    expect(fake.deliveredCount(id!)).toBe(1);
    expect((await message(org, id!)).providerMessageId).toBe(fake.deliveries.find((d) => d.idempotencyKey === id)!.id);
  });

  it("when the content changed after an answer was lost, Resend's 'key already used' marks it sent, without a second e-mail", async () => {
    const org = await createTestOrg(db);
    const [id] = await queue(org, testEmail("changed"));
    const [claimed] = await claimDueMessages(db, { orgId: org.orgId });
    expect((await sendClaimed(claimed!, await emailContextFor(db, org.orgId), resend)).kind).toBe("accepted");
    await db.update(organizations).set({ name: "Renamed meanwhile" }).where(eq(organizations.id, org.orgId));
    await db.update(outboxMessages).set({ leasedUntil: sql`now() - interval '1 second'` }).where(eq(outboxMessages.orgId, org.orgId));
    expect(await dispatch(org)).toMatchObject({ sent: 1 });
    const row = await message(org, id!);
    expect(row).toMatchObject({ status: "sent", providerMessageId: null });
    expect(row.lastError).toMatch(/Already sent under this key; Resend 409 invalid_idempotent_request/);
    expect(fake.deliveredCount(id!)).toBe(1);
  });

  it("several dispatchers running at once never send one message twice", async () => {
    const org = await createTestOrg(db);
    const ids = await queue(org, ...Array.from({ length: 40 }, (_, i) => testEmail(`parallel-${i}`)));
    fake.setDelay(20);
    try {
      const runs = await Promise.all(connections.map((connection) => dispatch(org, resend, connection)));
      expect(runs.reduce((sum, run) => sum + run.sent, 0)).toBe(40);
    } finally {
      fake.setDelay(0);
    }
    for (const id of ids) {
      expect(fake.requestsFor(id)).toHaveLength(1);
      expect(fake.deliveredCount(id)).toBe(1);
    }
    expect(await db.$count(outboxMessages, and(eq(outboxMessages.orgId, org.orgId), eq(outboxMessages.status, "sent")))).toBe(40);
  });

  it("sendMessageNow ignores the backoff, retries a failed message, and never re-sends a sent one", async () => {
    const org = await createTestOrg(db);
    const [id] = await queue(org, testEmail("now"));
    fake.failNext(1, 503);
    expect(await dispatch(org)).toMatchObject({ retrying: 1 });
    expect(await sendMessageNow(db, org.orgId, id!, resend)).toBe("sent");
    expect(await message(org, id!)).toMatchObject({ status: "sent", attempts: 2 });
    await expect(sendMessageNow(db, org.orgId, id!, resend)).rejects.toMatchObject({ appCode: "CONFLICT" });
    expect(fake.deliveredCount(id!)).toBe(1);

    const [bad] = await queue(org, testEmail("now-bad", "nobody"));
    expect(await sendMessageNow(db, org.orgId, bad!, resend)).toBe("failed");
    expect(await sendMessageNow(db, org.orgId, bad!, resend)).toBe("failed");
    expect(await message(org, bad!)).toMatchObject({ status: "failed", attempts: 2 });
  });

  it("a test e-mail goes through Resend to the member's own address at once", async () => {
    const org = await createTestOrg(db);
    const result = await sendTestEmail(db, org.finance, resend);
    expect(result.status).toBe("sent");
    const [delivery] = fake.deliveries.filter((d) => d.idempotencyKey === result.messageId);
    expect(delivery).toMatchObject({ to: [org.finance.email], subject: "Allot test e-mail" });
    expect(delivery!.text).toContain(`${org.finance.name} asked Allot to send this test e-mail`);
    expect(await message(org, result.messageId)).toMatchObject({ status: "sent", attempts: 1, providerMessageId: delivery!.id });
  });
});

describe("the outbox procedures", () => {
  it("lists an organisation's messages newest first with subjects, and shows one rendered", async () => {
    const org = await createTestOrg(db);
    const admin = createCaller({ db, principal: org.admin });
    const [first] = await queue(org, testEmail("list-1"));
    const [second] = await queue(org, testEmail("list-2", "nobody"));
    await dispatch(org, resend);
    const all = await admin.outbox.list();
    expect(all.map((row) => row.id)).toEqual([second, first]);
    expect(all[0]).toMatchObject({ channel: "email", template: "test-message", status: "failed", subject: "Allot test e-mail", attempts: 1 });
    expect(all[0]!.lastError).toMatch(/422/);
    expect((await admin.outbox.list({ status: "sent" })).map((row) => row.id)).toEqual([first]);
    const shown = await admin.outbox.get({ messageId: first! });
    expect(shown).toMatchObject({ id: first, status: "sent", renderError: null, rendered: { subject: "Allot test e-mail" } });
    expect(shown.rendered!.html).toContain("<html");
    // Another organisation's administrator sees none of it.
    const other = createCaller({ db, principal: (await createTestOrg(db)).admin });
    expect(await outcomeOf(other.outbox.get({ messageId: first! }))).toBe("NOT_FOUND");
    expect(await outcomeOf(other.outbox.resend({ messageId: first! }))).toBe("NOT_FOUND");
    expect(await other.outbox.list()).toEqual([]);
  });

  it("outbox.resend answers CONFLICT for a sent message; sendTest sends at once; the dev mailbox lists what it received", async () => {
    const org = await createTestOrg(db);
    const admin = createCaller({ db, principal: org.admin });
    const head = createCaller({ db, principal: org.supportHead });
    // Tests run without a Resend key: the configured sender is the dev mailbox.
    const test = await head.outbox.sendTest();
    expect(test.status).toBe("sent");
    expect(await message(org, test.messageId)).toMatchObject({ recipient: org.supportHead.email, providerMessageId: `dev-mailbox:${test.messageId}` });
    expect(await outcomeOf(admin.outbox.resend({ messageId: test.messageId }))).toBe("CONFLICT");

    const [queued] = await queue(org, testEmail("mailbox", org.member.email));
    expect(await dispatch(org, devMailboxSender)).toMatchObject({ sent: 1 });
    expect(await message(org, queued!)).toMatchObject({ status: "sent", providerMessageId: `dev-mailbox:${queued}` });

    const everything = await admin.outbox.mailbox();
    expect(everything.map((mail) => [mail.id, mail.recipient, mail.subject])).toEqual([
      [queued, org.member.email, "Allot test e-mail"],
      [test.messageId, org.supportHead.email, "Allot test e-mail"],
    ]);
    // A member's mailbox holds what was addressed to them.
    const member = createCaller({ db, principal: org.member });
    expect((await member.outbox.mailbox()).map((mail) => mail.id)).toEqual([queued]);
    expect((await member.outbox.mailboxMessage({ messageId: queued! })).rendered?.subject).toBe("Allot test e-mail");
    expect(await outcomeOf(member.outbox.mailboxMessage({ messageId: test.messageId }))).toBe("NOT_FOUND");
    expect(await outcomeOf(member.outbox.sendTest())).toBe("FORBIDDEN");
    expect(await outcomeOf(head.outbox.list())).toBe("FORBIDDEN");
  });
});

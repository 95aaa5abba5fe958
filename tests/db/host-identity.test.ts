import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberInvites, userIdentities } from "../../db/schema";
import { createCaller } from "../../server/api/root";
import { resolveMemberPrincipal } from "../../server/auth/principal";
import { env } from "../../server/env";
import { matchHostIdentity, type HostIdentity } from "../../server/identity/host-identity";
import { acceptInvite, findInviteByToken } from "../../server/identity/invites";
import { provisionMembers, provisionRowsFrom } from "../../server/identity/provision";
import { isAppError } from "../../server/lib/errors";
import { findUserByEmail } from "../../server/orgs/members";
import { dispatchOutbox } from "../../server/outbox/dispatch";
import { createResendSender } from "../../server/outbox/email-sender";
import { outcomeOf } from "../support/api-errors";
import { useTestDatabase } from "../support/database";
import { startFakeResend, type FakeResend } from "../support/fake-resend";
import { createTestOrg, uniqueSlug, type TestOrg } from "../support/fixtures";
import { inviteLinkIn } from "../support/invite-link";

const db = useTestDatabase();
let fake: FakeResend;
let org: TestOrg;

beforeAll(async () => {
  fake = await startFakeResend();
  org = await createTestOrg(db);
});
afterAll(() => fake.close());

/** The appCode a domain function refused with ("ok" when it succeeded). */
async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "ok";
  } catch (error) {
    if (isAppError(error)) return error.appCode;
    throw error;
  }
}

const identity = (overrides: Partial<HostIdentity> = {}): HostIdentity => ({
  provider: "oidc",
  subject: `sub-${uniqueSlug()}`,
  email: null,
  emailVerified: false,
  ...overrides,
});

/** Invites through the API and delivers the e-mail to the fake Resend; returns the delivered e-mail's link. */
async function invite(email: string, role: "finance" | "member" | "department_head" = "finance", extra: { headOfDepartmentIds?: string[] } = {}) {
  const { id } = await createCaller({ db, principal: org.admin }).invites.create({ email, role, ...extra });
  await dispatchOutbox(db, { orgId: org.orgId, sender: createResendSender({ apiKey: fake.apiKey, baseUrl: fake.url, from: "Allot <a@allot.local>", timeoutMs: 5_000 }) });
  const delivery = fake.deliveries.filter((d) => d.to.includes(email)).at(-1)!;
  return { id, delivery, ...inviteLinkIn(delivery) };
}

describe("matching a host identity to a member", () => {
  it("matches a verified e-mail once and binds the subject, which then wins even after the e-mail changes", async () => {
    const subject = `sub-${uniqueSlug()}`;
    const userId = await matchHostIdentity(db, identity({ subject, email: org.finance.email.toUpperCase(), emailVerified: true }));
    expect(userId).toBe(org.finance.userId);
    const [bound] = await db.select().from(userIdentities).where(eq(userIdentities.subject, subject));
    expect(bound).toMatchObject({ provider: "oidc", userId: org.finance.userId });
    expect(await matchHostIdentity(db, identity({ subject, email: "renamed@elsewhere.example", emailVerified: false }))).toBe(org.finance.userId);
    const principal = await resolveMemberPrincipal(db, userId!, undefined);
    expect(principal).toMatchObject({ orgId: org.orgId, role: "finance" });
  });

  it("never matches an unverified e-mail, an unknown person, or a second account of the same provider for a bound user", async () => {
    expect(await matchHostIdentity(db, identity({ email: org.member.email, emailVerified: false }))).toBeUndefined();
    expect(await matchHostIdentity(db, identity({ email: `stranger.${uniqueSlug()}@example.test`, emailVerified: true }))).toBeUndefined();
    // The finance member's oidc subject is bound above: another oidc account with their e-mail is someone else.
    expect(await matchHostIdentity(db, identity({ email: org.finance.email, emailVerified: true }))).toBeUndefined();
  });

  it("a removed member's subject no longer signs in", async () => {
    const person = await createTestOrg(db);
    const subject = `sub-${uniqueSlug()}`;
    expect(await matchHostIdentity(db, identity({ subject, email: person.member.email, emailVerified: true }))).toBe(person.member.userId);
    await createCaller({ db, principal: person.admin }).org.removeMember({ memberId: person.member.memberId });
    expect(await matchHostIdentity(db, identity({ subject }))).toBeUndefined();
  });
});

describe("invitations", () => {
  it("e-mails a link to the public URL; accepting it with a host identity makes a member with the invited role, once", async () => {
    const email = `new.${uniqueSlug()}@example.test`;
    const { id, delivery, url, token } = await invite(email);
    expect(delivery.subject).toBe(`${org.admin.name} invited you to Allot`);
    expect(url).toBe(`${env.ALLOT_PUBLIC_URL}/invite/${token}`);
    const [row] = await db.select().from(memberInvites).where(eq(memberInvites.id, id));
    expect(row!.tokenHash).not.toContain(token);

    const who = identity({ email, emailVerified: true, name: "New Person" });
    const accepted = await acceptInvite(db, token, { identity: who });
    expect(await resolveMemberPrincipal(db, accepted.userId, org.orgId)).toMatchObject({ orgId: org.orgId, role: "finance", email });
    expect(await matchHostIdentity(db, { ...who, email: null })).toBe(accepted.userId);
    expect((await findInviteByToken(db, token))?.status).toBe("accepted");
    expect(await codeOf(acceptInvite(db, token, { identity: identity() }))).toBe("CONFLICT");
  });

  it("an identity without a verified e-mail becomes the invited address's user", async () => {
    const email = `unverified.${uniqueSlug()}@example.test`;
    const { token } = await invite(email, "department_head", { headOfDepartmentIds: [org.departments.support] });
    const accepted = await acceptInvite(db, token, { identity: identity({ email: "whatever@idp.example", emailVerified: false }) });
    expect((await findUserByEmail(db, email))?.id).toBe(accepted.userId);
    expect(await resolveMemberPrincipal(db, accepted.userId, org.orgId)).toMatchObject({ role: "department_head", headOfDepartmentIds: [org.departments.support] });
  });

  it("an expired or revoked invitation is refused and changes nothing; resend issues a new link and retires the old", async () => {
    const api = createCaller({ db, principal: org.admin }).invites;
    const expiring = await invite(`late.${uniqueSlug()}@example.test`);
    await db.update(memberInvites).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(memberInvites.id, expiring.id));
    expect((await findInviteByToken(db, expiring.token))?.status).toBe("expired");
    expect(await codeOf(acceptInvite(db, expiring.token, { identity: identity() }))).toBe("CONFLICT");

    await api.resend({ inviteId: expiring.id });
    await dispatchOutbox(db, { orgId: org.orgId, sender: createResendSender({ apiKey: fake.apiKey, baseUrl: fake.url, from: "Allot <a@allot.local>", timeoutMs: 5_000 }) });
    const renewed = inviteLinkIn(fake.deliveries.filter((d) => d.to.includes(expiring.delivery.to[0]!)).at(-1)!);
    expect(renewed.token).not.toBe(expiring.token);
    expect(await findInviteByToken(db, expiring.token)).toBeUndefined();
    expect((await findInviteByToken(db, renewed.token))?.status).toBe("pending");

    const revoked = await invite(`revoked.${uniqueSlug()}@example.test`);
    await api.revoke({ inviteId: revoked.id });
    const membersBefore = (await createCaller({ db, principal: org.admin }).org.members()).length;
    expect(await codeOf(acceptInvite(db, revoked.token, { identity: identity() }))).toBe("CONFLICT");
    expect((await findInviteByToken(db, revoked.token))?.status).toBe("revoked");
    expect(await outcomeOf(api.resend({ inviteId: revoked.id }))).toBe("CONFLICT");
    expect((await createCaller({ db, principal: org.admin }).org.members()).length).toBe(membersBefore);
  });

  it("refuses to invite a current member or someone already invited, and an unknown link is NOT_FOUND", async () => {
    const api = createCaller({ db, principal: org.admin }).invites;
    expect(await outcomeOf(api.create({ email: org.member.email, role: "member" }))).toBe("CONFLICT");
    const email = `twice.${uniqueSlug()}@example.test`;
    await api.create({ email, role: "member" });
    expect(await outcomeOf(api.create({ email: email.toUpperCase(), role: "finance" }))).toBe("CONFLICT");
    expect(await outcomeOf(api.create({ email: `head.${uniqueSlug()}@example.test`, role: "department_head" }))).toBe("INVALID_INPUT");
    expect(await codeOf(acceptInvite(db, "inv_unknown-token-000000000000", { identity: identity() }))).toBe("NOT_FOUND");
  });
});

describe("provisioning", () => {
  it("adds and updates members with departments and a bound subject, all or nothing", async () => {
    const target = await createTestOrg(db);
    const email = `provisioned.${uniqueSlug()}@example.test`;
    const rows = provisionRowsFrom([
      { email, role: "department_head", head_of: "support;sales", department: "support", subject: "github:4242" + uniqueSlug() },
      { email: target.member.email, role: "finance" },
    ]);
    const outcomes = await provisionMembers(db, target.orgId, "cli", rows);
    expect(outcomes.map((o) => [o.email, o.result])).toEqual([
      [email, "added"],
      [target.member.email, "updated"],
    ]);
    const user = await findUserByEmail(db, email);
    expect(await matchHostIdentity(db, { provider: "github", subject: rows[0]!.subject!.slice("github:".length), email: null, emailVerified: false })).toBe(user!.id);
    expect(await resolveMemberPrincipal(db, target.member.userId, target.orgId)).toMatchObject({ role: "finance" });

    const before = await createCaller({ db, principal: target.admin }).org.members();
    const bad = provisionRowsFrom([{ email: `fine.${uniqueSlug()}@example.test`, role: "member" }, { email: `bad.${uniqueSlug()}@example.test`, role: "member", department: "nowhere" }]);
    expect(await codeOf(provisionMembers(db, target.orgId, "cli", bad))).toBe("INVALID_INPUT");
    expect(await createCaller({ db, principal: target.admin }).org.members()).toEqual(before);
    expect(() => provisionRowsFrom([{ email: "not-an-email", role: "member" }])).toThrow("Row 1: email");
  });
});

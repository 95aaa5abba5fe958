import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase } from "../../db/client";
import { memberInvites, organizations, userIdentities } from "../../db/schema";
import { DEMO_ORG_SLUG } from "../../db/seed/demo";
import { dispatchOutbox } from "../../server/outbox/dispatch";
import { createResendSender } from "../../server/outbox/email-sender";
import { screenshot, signInAs, useBrowser } from "../support/browser";
import { startFakeResend, type FakeResend } from "../support/fake-resend";
import { inviteLinkIn } from "../support/invite-link";
import { signInAtIdentityProvider, type HostPerson } from "../support/oidc-sign-in";

const { browser, appUrl } = useBrowser();
const db = createDatabase({ url: inject("databaseUrl"), max: 2 });
let fake: FakeResend;
let demoOrgId: string;

beforeAll(async () => {
  fake = await startFakeResend();
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, DEMO_ORG_SLUG));
  demoOrgId = org!.id;
});
afterAll(async () => {
  await fake.close();
  await db.$client.end({ timeout: 5 });
});

const suffix = () => randomBytes(4).toString("hex");

/** A page in a fresh browser context (no Allot session). */
async function freshPage() {
  const context = await browser().newContext({ viewport: { width: 1300, height: 1000 } });
  return context.newPage();
}

/** A fresh browser that signs in through the host's identity provider. */
async function signInWithHostIdentity(person: HostPerson, start = `${appUrl}/signin`) {
  const page = await freshPage();
  await page.goto(start);
  await page.getByRole("button", { name: /Test IdP/ }).click();
  await signInAtIdentityProvider(page, person);
  return page;
}

/** The invitation e-mail as Resend received it: the app queues it, the dispatcher sends it through (fake) Resend. */
async function deliveredInvite(email: string) {
  await dispatchOutbox(db, { orgId: demoOrgId, sender: createResendSender({ apiKey: fake.apiKey, baseUrl: fake.url, from: "Allot <a@allot.local>", timeoutMs: 5_000 }) });
  const delivery = fake.deliveries.find((d) => d.to.includes(email));
  if (!delivery) throw new Error(`No e-mail reached ${email}`);
  return { delivery, ...inviteLinkIn(delivery) };
}

describe("signing in with the host's identity provider (OIDC)", () => {
  it("a host user whose verified e-mail is a member lands as that member with their role; their subject is bound", async () => {
    const subject = `host-finance-${suffix()}`;
    const page = await signInWithHostIdentity({ subject, email: "finance@allot.demo", name: "Finn at the host" });
    await page.waitForURL(`${appUrl}/`);
    const account = page.getByRole("complementary");
    await account.getByText("Finn Finance", { exact: true }).waitFor();
    await expect(account.getByText("Finance", { exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("link", { name: /Approvals/ }).isVisible()).resolves.toBe(true);
    await screenshot(page, "60-host-sign-in-finance");
    const [bound] = await db.select().from(userIdentities).where(and(eq(userIdentities.provider, "oidc"), eq(userIdentities.subject, subject)));
    expect(bound).toBeDefined();
    await page.context().close();
  });

  it("an unknown host user gets a clear page saying they are not provisioned, not an error", async () => {
    const page = await signInWithHostIdentity({ subject: `stranger-${suffix()}`, email: `stranger-${suffix()}@example.test` });
    await page.waitForURL(/\/signin\?error=NotProvisioned/);
    await expect(page.getByRole("alert").filter({ hasText: "not provisioned" }).textContent()).resolves.toContain("not provisioned in Allot");
    await expect(page.getByRole("heading", { name: "Sign in to Allot" }).isVisible()).resolves.toBe(true);
    await screenshot(page, "61-host-sign-in-unknown");
    await page.context().close();
  });
});

describe("invitations", () => {
  it("an invited person receives the e-mail, accepts with their host identity and becomes a member with the invited role", async () => {
    const email = `invitee-${suffix()}@example.test`;
    const admin = await freshPage();
    await signInAs(admin, appUrl, /Ada Admin/);
    await admin.goto(`${appUrl}/admin/organization/members`);
    const invite = admin.getByRole("region", { name: "Invite by e-mail" });
    await invite.getByLabel("E-mail to invite").fill(email);
    await invite.getByLabel("Role").selectOption({ label: "Finance" });
    await invite.getByRole("button", { name: "Send invitation" }).click();
    await invite.getByText(`An invitation is on its way to ${email}.`).waitFor();
    await admin.getByRole("row", { name: new RegExp(email) }).getByText("pending", { exact: true }).waitFor();
    await screenshot(admin, "62-invite-sent");

    const { delivery, token } = await deliveredInvite(email);
    expect(delivery.subject).toBe("Ada Admin invited you to Allot");

    const page = await freshPage();
    await page.goto(`${appUrl}/invite/${token}`);
    await page.getByRole("heading", { name: /Join Acme Robotics/ }).waitFor();
    await expect(page.getByText(`${email} is invited as`).isVisible()).resolves.toBe(true);
    await page.getByRole("button", { name: "Accept with Test IdP" }).click();
    await signInAtIdentityProvider(page, { subject: `invitee-${suffix()}`, email, name: "Ivy Invitee" });
    await page.waitForURL((url) => url.origin === new URL(appUrl).origin);
    expect(page.url()).toBe(`${appUrl}/invite/${token}`);
    await page.getByRole("heading", { name: /Welcome to Acme Robotics/ }).waitFor();
    await screenshot(page, "63-invite-accepted");
    await page.getByRole("link", { name: "Open Allot" }).click();
    await page.waitForURL(`${appUrl}/`);
    const account = page.getByRole("complementary");
    await account.getByText("Finance", { exact: true }).waitFor();
    await expect(account.getByText("Ivy Invitee").isVisible()).resolves.toBe(true);

    await admin.reload();
    await admin.getByRole("row", { name: new RegExp(email) }).getByText("accepted", { exact: true }).waitFor();
    await admin.context().close();
    await page.context().close();
  }, 300_000);

  it("a revoked or expired invitation shows a clear page and lets no one in", async () => {
    const admin = await freshPage();
    await signInAs(admin, appUrl, /Ada Admin/);
    await admin.goto(`${appUrl}/admin/organization/members`);
    const invite = admin.getByRole("region", { name: "Invite by e-mail" });
    const revokedEmail = `revoked-${suffix()}@example.test`;
    const expiredEmail = `expired-${suffix()}@example.test`;
    for (const email of [revokedEmail, expiredEmail]) {
      await invite.getByLabel("E-mail to invite").fill(email);
      await invite.getByRole("button", { name: "Send invitation" }).click();
      await invite.getByText(`An invitation is on its way to ${email}.`).waitFor();
    }
    const row = admin.getByRole("row", { name: new RegExp(revokedEmail) });
    await row.getByRole("button", { name: /Revoke/ }).click();
    await row.getByRole("button", { name: "Revoke", exact: true }).last().click();
    await row.getByText("revoked", { exact: true }).waitFor();
    const revoked = await deliveredInvite(revokedEmail);
    const expired = await deliveredInvite(expiredEmail);
    await db.update(memberInvites).set({ expiresAt: sql`now() - interval '1 second'` }).where(sql`lower(${memberInvites.email}) = ${expiredEmail}`);

    const page = await freshPage();
    await page.goto(`${appUrl}/invite/${revoked.token}`);
    await page.getByRole("heading", { name: "This invitation was withdrawn" }).waitFor();
    await expect(page.getByRole("button", { name: /Accept/ }).count()).resolves.toBe(0);
    await screenshot(page, "64-invite-revoked");
    await page.goto(`${appUrl}/invite/${expired.token}`);
    await page.getByRole("heading", { name: "This invitation has expired" }).waitFor();
    await page.goto(`${appUrl}/invite/inv_not-a-real-token-0000`);
    await page.getByRole("heading", { name: "This invitation link is not valid" }).waitFor();
    await admin.context().close();
    await page.context().close();
  });
});

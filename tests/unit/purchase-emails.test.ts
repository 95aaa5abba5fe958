import { describe, expect, it } from "vitest";
import AutoTopUpEmail from "../../emails/auto-top-up";
import PurchaseApprovalRequestedEmail from "../../emails/purchase-approval-requested";
import PurchaseDecisionEmail from "../../emails/purchase-decision";
import type { EmailContext } from "../../server/outbox/email-payloads";
import { emailSubject, renderEmail } from "../../server/outbox/render-email";

const context: EmailContext = { appUrl: "https://allot.example.com", organizationName: "Acme & Sons", timeZone: "Europe/Berlin" };

function payloadOf<Props extends EmailContext>(previewProps: Props): Omit<Props, keyof EmailContext> {
  const { appUrl: _appUrl, organizationName: _organizationName, timeZone: _timeZone, ...payload } = previewProps;
  return payload;
}

async function text(template: string, payload: unknown): Promise<string> {
  const result = await renderEmail(template, payload, context);
  if (!result.ok) throw new Error(result.reason);
  return result.email.text.replace(/\s+/g, " ");
}

const approval = payloadOf(PurchaseApprovalRequestedEmail.PreviewProps);
const decision = payloadOf(PurchaseDecisionEmail.PreviewProps);
const autoTopUp = payloadOf(AutoTopUpEmail.PreviewProps);

describe("purchase e-mail templates", () => {
  it.each([
    ["purchase-approval-requested", approval, "Approval needed: Morgan Member asks to buy 500,000 credits for $4,600.00"],
    ["purchase-decision", decision, "Your purchase of 500,000 credits was approved"],
    ["auto-top-up", autoTopUp, "Auto top-up: buying 100,000 credits for $1,000.00"],
  ])("%s renders its PreviewProps", async (template, payload, subject) => {
    expect(emailSubject(template, payload)).toBe(subject);
    const result = await renderEmail(template, payload, context);
    expect(result.ok && result.email.html).toMatch(/^<!DOCTYPE html/);
  });

  it("shows money with all the currency's digits, the expiry on the organisation's clock, and the links", async () => {
    const body = await text("purchase-approval-requested", { ...approval, totalMinor: 123_400, requiredApprovals: 2 });
    expect(body).toContain("Total $1,234.00");
    expect(body).toContain("It needs two different finance approvers.");
    expect(body).toContain("Expires 3 Apr 2026, 11:30 (Europe/Berlin)");
    expect(body).toContain("https://allot.example.com/approvals");
    expect(await text("purchase-approval-requested", { ...approval, currency: "JPY", totalMinor: 5_000 })).toContain("Total ¥5,000");
  });

  it("tells the requester each outcome, and auto top-up's three events", async () => {
    expect(emailSubject("purchase-decision", { ...decision, decision: "rejected" })).toBe("Your purchase of 500,000 credits was rejected");
    expect(await text("purchase-decision", { ...decision, decision: "expired", decidedBy: null, comment: null, invoiceNumber: null })).toContain(
      "Nobody decided in time, so no credits were bought.",
    );
    expect(emailSubject("auto-top-up", { ...autoTopUp, event: "approval_requested" })).toBe("Auto top-up is waiting for finance approval ($1,000.00)");
    expect(emailSubject("auto-top-up", { ...autoTopUp, event: "cap_reached", purchaseId: null })).toBe("Auto top-up stopped: the monthly cap of $5,000.00 is reached");
  });

  it("refuses payloads its schema does not accept, as a reason rather than a throw", async () => {
    expect(await renderEmail("purchase-decision", { ...decision, decision: "maybe" }, context)).toMatchObject({ ok: false });
    expect(await renderEmail("auto-top-up", { ...autoTopUp, totalMinor: -1 }, context)).toMatchObject({ ok: false });
    expect(await renderEmail("purchase-approval-requested", { ...approval, currency: "usd" }, context)).toMatchObject({ ok: false });
  });
});

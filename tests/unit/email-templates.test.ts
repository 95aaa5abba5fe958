import { describe, expect, it } from "vitest";
import BudgetExhaustedEmail from "../../emails/budget-exhausted";
import BudgetThresholdEmail from "../../emails/budget-threshold";
import LowBalanceEmail from "../../emails/low-balance";
import TestMessageEmail from "../../emails/test-message";
import type { EmailContext } from "../../server/outbox/email-payloads";
import { emailSubject, renderEmail, type RenderedEmail } from "../../server/outbox/render-email";

const context: EmailContext = { appUrl: "https://allot.example.com", organizationName: "Acme & Sons", timeZone: "Europe/Berlin" };

/** A template's PreviewProps without the rendering context: the payload the outbox row would hold. */
function payloadOf<Props extends EmailContext>(previewProps: Props): Omit<Props, keyof EmailContext> {
  const { appUrl: _appUrl, organizationName: _organizationName, timeZone: _timeZone, ...payload } = previewProps;
  return payload;
}

async function rendered(template: string, payload: unknown, with_: EmailContext = context): Promise<RenderedEmail> {
  const result = await renderEmail(template, payload, with_);
  if (!result.ok) throw new Error(result.reason);
  return result.email;
}

/** The plain text with runs of whitespace collapsed, so a label and its figure read as one line. */
const flat = (text: string) => text.replace(/\s+/g, " ");

const budget = {
  ...payloadOf(BudgetThresholdEmail.PreviewProps),
  budgetName: "Support",
  thresholdPercent: 50,
  spentMicros: 5_000_000,
  limitMicros: 10_000_000,
  periodStart: "2026-03-28T23:00:00.000Z",
  periodEnd: "2026-03-29T22:00:00.000Z",
  projectedExhaustionAt: "2026-03-29T17:45:00.000Z",
};

describe("e-mail templates render with their PreviewProps", () => {
  it.each([
    ["budget-threshold", BudgetThresholdEmail.PreviewProps, 'Budget "Customer support — monthly" has reached 75 % of its limit'],
    ["budget-exhausted", BudgetExhaustedEmail.PreviewProps, 'Budget "Customer support — monthly" is exhausted: spending is paused'],
    ["low-balance", LowBalanceEmail.PreviewProps, "Credit balance is low: 42.500001 credits available"],
    ["test-message", TestMessageEmail.PreviewProps, "Allot test e-mail"],
  ])("%s", async (template, previewProps, subject) => {
    const email = await rendered(template, payloadOf(previewProps), previewProps);
    expect(email.subject).toBe(subject);
    expect(emailSubject(template, payloadOf(previewProps))).toBe(subject);
    expect(email.html).toMatch(/^<!DOCTYPE html/);
    expect(email.html).toContain("Demo Company");
    expect(email.text).toContain("Sent by Allot");
  });

  it("the threshold preview shows its figures exactly", async () => {
    const { text } = await rendered("budget-threshold", payloadOf(BudgetThresholdEmail.PreviewProps), BudgetThresholdEmail.PreviewProps);
    expect(flat(text)).toContain("Spent 7,512.345678 credits Limit 10,000 credits Of the limit 75.1 % Period ends 1 Apr 2026, 00:00 (Europe/Berlin)");
    expect(flat(text)).toContain("Limit reached at this rate 24 Mar 2026, 19:30 (Europe/Berlin)");
    expect(text).toContain("http://localhost:3000/budgets/0195f3a0-0000-7000-8000-0000000000b1");
  });
});

describe("budget e-mails with edge payloads", () => {
  it("formats micro-credits exactly, however small or large, and floors the percentage", async () => {
    const tiny = await rendered("budget-threshold", { ...budget, spentMicros: 1, limitMicros: 3 });
    expect(flat(tiny.text)).toContain("Spent 0.000001 credits Limit 0.000003 credits Of the limit 33.3 %");
    const huge = await rendered("budget-threshold", { ...budget, spentMicros: 9_007_199_254_740_990, limitMicros: 9_007_199_254_740_991, thresholdPercent: 90 });
    expect(flat(huge.text)).toContain("Spent 9,007,199,254.74099 credits Limit 9,007,199,254.740991 credits Of the limit 99.9 %");
    const zero = await rendered("budget-threshold", { ...budget, spentMicros: 0 });
    expect(flat(zero.text)).toContain("Spent 0 credits Limit 10 credits Of the limit 0 %");
    const exact = await rendered("budget-threshold", { ...budget, spentMicros: 7_500_000 });
    expect(flat(exact.text)).toContain("Of the limit 75 %");
  });

  it("shows the period end and projection in the organisation's time zone, or that the limit is not reached this period", async () => {
    const email = await rendered("budget-threshold", budget);
    expect(flat(email.text)).toContain("Period ends 30 Mar 2026, 00:00 (Europe/Berlin) Limit reached at this rate 29 Mar 2026, 19:45 (Europe/Berlin)");
    const utc = await rendered("budget-threshold", budget, { ...context, timeZone: "UTC" });
    expect(flat(utc.text)).toContain("Period ends 29 Mar 2026, 22:00 (UTC)");
    const notThisPeriod = await rendered("budget-threshold", { ...budget, projectedExhaustionAt: null });
    expect(flat(notThisPeriod.text)).toContain("Limit reached at this rate Not before the period ends");
  });

  it("links to the budget under the public URL", async () => {
    const email = await rendered("budget-threshold", budget);
    expect(email.html).toContain(`href="https://allot.example.com/budgets/${budget.budgetId}"`);
  });

  it("escapes what people typed", async () => {
    const email = await rendered("budget-threshold", { ...budget, budgetName: `<script>alert("x")</script>` });
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("&lt;script&gt;");
    expect(email.html).toContain("Acme &amp; Sons");
  });

  it("an exhausted pause budget says the scope is paused; an alert budget that the limit is reached", async () => {
    const exhausted = { ...budget, thresholdPercent: 100, spentMicros: 10_000_001, limitMicros: 10_000_000, projectedExhaustionAt: null };
    const paused = await rendered("budget-exhausted", { ...exhausted, mode: "pause" });
    expect(paused.subject).toBe('Budget "Support" is exhausted: spending is paused');
    expect(flat(paused.text)).toContain("Spending in its scope is paused");
    expect(flat(paused.text)).toContain("Spent 10.000001 credits Limit 10 credits Of the limit 100 %");
    const alerting = await rendered("budget-exhausted", { ...exhausted, mode: "alert" });
    expect(alerting.subject).toBe('Budget "Support" has reached its limit');
    expect(flat(alerting.text)).toContain("It only alerts, so spending continues");
    expect(alerting.text).not.toContain("is paused");
  });
});

describe("low-balance and test e-mails", () => {
  it("shows the available balance and the threshold exactly", async () => {
    const email = await rendered("low-balance", { alertId: budget.alertId, availableMicros: 999_999, thresholdMicros: 1_000_000 });
    expect(email.subject).toBe("Credit balance is low: 0.999999 credits available");
    expect(flat(email.text)).toContain("Available 0.999999 credits Alert threshold 1 credits");
    expect(email.html).toContain('href="https://allot.example.com/"');
    const empty = await rendered("low-balance", { alertId: budget.alertId, availableMicros: 0, thresholdMicros: 12_345_678_900_000 });
    expect(flat(empty.text)).toContain("Available 0 credits Alert threshold 12,345,678.9 credits");
  });

  it("the test message names who asked for it", async () => {
    const email = await rendered("test-message", { requestedBy: "Grace Hopper" });
    expect(email.text).toContain("Grace Hopper asked Allot to send this test e-mail");
  });
});

describe("payloads that cannot render", () => {
  it.each([
    ["budget-threshold", { ...budget, spentMicros: 1.5 }, /spentMicros/],
    ["budget-threshold", { ...budget, limitMicros: 0 }, /limitMicros/],
    ["budget-exhausted", { ...budget, mode: "stop" }, /mode/],
    ["low-balance", { availableMicros: 1 }, /alertId/],
    ["test-message", null, /payload/],
    ["no-such-template", {}, /Unknown e-mail template "no-such-template"/],
  ])("%s %#", async (template, payload, reason) => {
    const result = await renderEmail(template, payload, context);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
    expect(emailSubject(template, payload)).toMatch(/^\(cannot render: /);
  });
});

import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshot, signInAs, useBrowser } from "../support/browser";

/**
 * Buying credits end to end: the administrator sets a volume tier and the approval threshold in the
 * billing settings; a member asks for a purchase above it and watches the quote follow his typing;
 * he cannot approve it, on the page or by posting to the API; finance approves it from the inbox
 * (counted in the navigation), marks the invoice paid, and the balance rises by exactly the credits.
 */
const { browser, appUrl } = useBrowser();
const RUN = Date.now().toString(36);
const NOTE = `Agent rollout for the support team (${RUN})`;
/** 50,000 credits at the list price of $0.0100, then 10,000 at the tier's $0.0090: $500 + $90. */
const CREDITS = 60_000;
const TOTAL = "$590.00";
const HEADING = `60,000 credits for ${TOTAL}`;

let purchaseUrl: string;

async function newPage(person: RegExp): Promise<Page> {
  const page = await browser().newPage({ viewport: { width: 1400, height: 1000 } });
  await signInAs(page, appUrl, person);
  return page;
}

/** The overview's available balance ("57,233.644674"), in micro-credits, exactly. */
async function availableMicros(page: Page): Promise<bigint> {
  await page.goto(`${appUrl}/`);
  const text = (await page.getByTestId("available-credits").textContent()) ?? "";
  const [whole = "0", fraction = ""] = text.replaceAll(",", "").split(".");
  return BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, "0"));
}

/** The waiting-approvals count in the navigation (no badge when there are none). */
async function pendingApprovals(page: Page): Promise<number> {
  const badge = page.getByTestId("pending-approvals");
  return (await badge.count()) === 0 ? 0 : Number((await badge.textContent())?.replace(/\D/g, ""));
}

describe("buying credits", () => {
  it("the administrator sets a graduated volume tier and the approval threshold; a second threshold below the first is refused", async () => {
    const page = await newPage(/Ada Admin/);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Billing settings" }).click();
    await page.getByRole("heading", { name: "Volume tiers" }).waitFor();
    await expect(page.getByText("One credit lists at $0.0100 (USD).").isVisible()).resolves.toBe(true);

    await page.getByRole("button", { name: "Add a tier" }).click();
    await page.getByLabel("Tier 1: from (credits)").fill("50000");
    await page.getByLabel("Tier 1: price per credit (USD)").fill("0.0200");
    await page.getByRole("button", { name: "Save tiers" }).click();
    await page.getByRole("alert").filter({ hasText: "A volume tier cannot cost more than the list price" }).waitFor();
    await page.getByLabel("Tier 1: price per credit (USD)").fill("0.009");
    await page.getByRole("button", { name: "Save tiers" }).click();
    await page.getByRole("status").filter({ hasText: "Volume tiers saved." }).waitFor();
    const bands = page.getByRole("table", { name: "Price per credit by position in the purchase (graduated)" });
    await expect.poll(() => bands.getByRole("row").allTextContents()).toEqual(["Credits in the purchasePrice per credit", "The first 50,000$0.0100", "Beyond 50,000$0.0090"]);

    // A contract that began last month: last month is closed with nothing bought, so its whole minimum is short.
    const contract = page.getByRole("region", { name: "Committed-use contract" });
    const thisMonth = await contract.getByLabel("First month").inputValue();
    const [year, month] = thisMonth.split("-").map(Number) as [number, number];
    const lastMonth = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, "0")}`;
    await contract.getByLabel("Monthly minimum (USD)").fill("1000");
    await contract.getByLabel("Discount (%)").fill("10");
    await contract.getByLabel("First month").fill(lastMonth);
    await contract.getByLabel("Length (months)").fill("12");
    await contract.getByRole("button", { name: "Save contract" }).click();
    await contract.getByRole("status").filter({ hasText: "Contract saved." }).waitFor();
    const months = contract.getByRole("table", { name: "Committed-use contract, month by month" });
    await expect.poll(() => months.getByRole("row").nth(1).textContent()).toBe(`${lastMonth}$1,000.00$0.00$1,000.00Closed`);
    await expect(months.getByRole("row").nth(2).textContent()).resolves.toBe(`${thisMonth}$1,000.00$0.00$1,000.00This month`);
    await expect(contract.getByTestId("past-shortfall").textContent()).resolves.toBe("$1,000.00");
    await screenshot(page, "90-billing-prices-and-discounts");

    // Ended again, so the purchase below is priced by the tiers alone.
    await contract.getByRole("button", { name: "End the contract" }).click();
    await contract.getByRole("button", { name: "End contract" }).click();
    await contract.getByText("None. A contract commits").waitFor();

    await page.getByRole("navigation", { name: "Billing sections" }).getByRole("link", { name: "Approvals" }).click();
    await page.getByLabel("Approval threshold (USD)").fill("500");
    await page.getByLabel("Second approver from (USD)").fill("100");
    await page.getByRole("button", { name: "Save approval rules" }).click();
    await page.getByRole("alert").filter({ hasText: "The second-approver threshold must be at or above the approval threshold" }).waitFor();
    await page.getByLabel("Second approver from (USD)").fill("");
    await page.getByLabel("Requests expire after (hours)").fill("48");
    await page.getByRole("button", { name: "Save approval rules" }).click();
    await page.getByRole("status").filter({ hasText: "Approval rules saved." }).waitFor();
    await page.reload();
    await expect(page.getByLabel("Approval threshold (USD)").inputValue()).resolves.toBe("500");
    await expect(page.getByLabel("Requests expire after (hours)").inputValue()).resolves.toBe("48");
    await screenshot(page, "91-billing-approval-rules");

    await page.getByRole("link", { name: "Auto top-up" }).click();
    await page.getByLabel("Top up automatically").check();
    await page.getByRole("button", { name: "Save auto top-up" }).click();
    await page.getByText("Needed while auto top-up is on").first().waitFor();
    await expect(page.getByLabel("Top up automatically").isChecked()).resolves.toBe(true);
    await screenshot(page, "92-billing-auto-top-up-refused");
    await page.close();
  });

  it("a member asks for a large purchase and sees the quote follow his typing; he cannot approve it, on the page or through the API", async () => {
    const page = await newPage(/Max Member/);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: /Approvals/ }).count()).resolves.toBe(0);
    await nav.getByRole("link", { name: "Purchases" }).click();
    await page.getByRole("link", { name: "Buy credits" }).click();
    await page.getByRole("heading", { name: "Buy credits" }).waitFor();

    const amount = page.getByLabel("Credits", { exact: true });
    const totalDue = page.getByTestId("quote-total-due");
    await amount.pressSequentially("6", { delay: 50 });
    await totalDue.filter({ hasText: "$0.06" }).waitFor();
    await expect(page.getByTestId("quote-approval").textContent()).resolves.toBe("Below the approval threshold of $500.00: the invoice is issued at once.");
    await amount.pressSequentially("0000", { delay: 50 });
    await totalDue.filter({ hasText: TOTAL }).waitFor();
    await expect(page.getByTestId("quote-credits").textContent()).resolves.toBe("60,000");
    await expect(page.getByTestId("quote-approval").textContent()).resolves.toBe("At or above $500.00, finance must approve it before the invoice is issued.");
    const lines = page.getByRole("table", { name: "How the total is calculated" }).getByRole("row");
    await expect(lines.allTextContents()).resolves.toEqual([
      expect.stringMatching(/^60,000 credits at the list price of \$0\.0100for comparison\$600\.00$/),
      "First 50,000 credits × $0.0100$500.00",
      "Next 10,000 credits × $0.0090$90.00",
      "Subtotal (graduated volume pricing)$590.00",
      "Net$590.00",
      "Tax 0 %$0.00",
      `Total${TOTAL}`,
    ]);
    await expect(page.getByText("You save $10.00 against the list price.").isVisible()).resolves.toBe(true);

    await amount.fill("12.3456789");
    await page.getByText("The number of credits allows at most 6 decimal places").waitFor();
    // Asked for money instead, the quote is for the most whole credits it buys, tax included.
    await page.getByLabel("Amount of money (USD)").check();
    await page.getByLabel("Amount (USD)").fill("100");
    await page.getByTestId("quote-credits").filter({ hasText: /^10,000$/ }).waitFor();
    await expect(page.getByText("The most whole credits $100.00 buys, tax included.").isVisible()).resolves.toBe(true);
    await page.getByLabel("Number of credits").check();
    await amount.fill(String(CREDITS));
    await totalDue.filter({ hasText: TOTAL }).waitFor();
    await page.getByLabel("Note for finance (optional)").fill(NOTE);
    await screenshot(page, "93-buy-credits-live-quote");
    await page.getByRole("button", { name: "Send for approval" }).click();
    await page.waitForURL(/\/purchases\/[0-9a-f-]{36}$/);
    purchaseUrl = page.url();
    await page.getByRole("heading", { name: HEADING }).waitFor();
    await expect(page.getByTestId("purchase-status-note").textContent()).resolves.toMatch(/^Waiting for finance: 0 of 1 approval so far\. It expires .+ if nobody decides\.$/);
    await expect(page.getByRole("button", { name: /Approve/ }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: "Withdraw request…" }).isVisible()).resolves.toBe(true);
    await screenshot(page, "94-purchase-pending-requester");

    // Posted straight to the API with his session, the approval is refused and changes nothing.
    const purchaseId = purchaseUrl.split("/").at(-1)!;
    const refused = await page.request.post(`${appUrl}/api/trpc/approvals.approve`, { data: { purchaseId }, headers: { "content-type": "application/json" } });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { data: { appCode: string } } }).error.data.appCode).toBe("FORBIDDEN");
    await page.goto(`${appUrl}/approvals`);
    await page.getByRole("alert").filter({ hasText: "For finance and administrators" }).waitFor();
    await page.goto(purchaseUrl);
    await expect(page.getByTestId("purchase-status-note").textContent()).resolves.toMatch(/^Waiting for finance: 0 of 1 approval/);

    // Exactly at the threshold needs approval too; while it waits, he may withdraw it (after a confirmation).
    await page.goto(`${appUrl}/purchases/new`);
    await page.getByLabel("Credits", { exact: true }).fill("50000");
    await page.getByTestId("quote-total-due").filter({ hasText: "$500.00" }).waitFor();
    await expect(page.getByTestId("quote-approval").textContent()).resolves.toBe("At or above $500.00, finance must approve it before the invoice is issued.");
    await page.getByRole("button", { name: "Send for approval" }).click();
    await page.getByRole("heading", { name: "50,000 credits for $500.00" }).waitFor();
    await page.getByRole("button", { name: "Withdraw request…" }).click();
    await expect(page.getByRole("button", { name: "Keep it" }).evaluate((button) => button === document.activeElement)).resolves.toBe(true);
    await page.getByLabel("Reason (optional)").fill("Asked for too much");
    await page.getByRole("button", { name: "Withdraw request", exact: true }).click();
    await expect.poll(() => page.getByTestId("purchase-status-note").textContent(), { timeout: 30_000 }).toMatch(/^Cancelled /);
    await expect(page.getByRole("table", { name: "Audit trail, oldest first" }).textContent()).resolves.toMatch(/Max Member.*Purchase cancelled/);
    await page.close();
  });

  it("finance approves it from the inbox counted in the navigation, marks the invoice paid, and the balance rises by exactly the credits bought", async () => {
    const page = await newPage(/Finn Finance/);
    const before = await availableMicros(page);
    const waiting = await pendingApprovals(page);
    expect(waiting).toBeGreaterThanOrEqual(1);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /Approvals/ }).click();
    const request = page.getByRole("article").filter({ hasText: NOTE });
    await request.getByRole("heading", { name: HEADING }).waitFor();
    await expect(request.textContent()).resolves.toContain("Requested by Max Member (member@allot.demo)");
    await expect(request.getByRole("table", { name: "Quote for 60,000 credits" }).textContent()).resolves.toContain("Next 10,000 credits × $0.0090$90.00");
    await request.getByLabel("Comment").fill("Within the quarter's plan.");
    await request.getByRole("button", { name: /^Approve…/ }).click();
    await request.getByText(`Approve ${HEADING} from Max Member?`).waitFor();
    await screenshot(page, "95-approvals-inbox-confirm");
    await request.getByRole("button", { name: "Confirm approval" }).click();
    await expect.poll(() => request.count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => pendingApprovals(page)).toBe(waiting - 1);

    await page.goto(purchaseUrl);
    await expect(page.getByTestId("purchase-status-note").textContent()).resolves.toMatch(/^Invoice INV-\d{4}-\d+ is issued\. The credits are granted when finance marks it paid\.$/);
    await page.getByRole("link", { name: /^Invoice INV-/ }).click();
    await page.getByRole("heading", { name: /^INV-\d{4}-\d+$/ }).waitFor();
    await expect(page.getByTestId("invoice-status").textContent()).resolves.toBe("Unpaid");
    await expect(page.getByTestId("invoice-total").textContent()).resolves.toBe(TOTAL);
    await page.getByRole("button", { name: "Mark paid…" }).click();
    await page.getByLabel("Payment reference (optional)").fill(`BANK-${RUN}`);
    await page.getByRole("button", { name: "Mark paid", exact: true }).click();
    await expect.poll(() => page.getByTestId("invoice-status").textContent(), { timeout: 30_000 }).toBe("Paid");
    await expect(page.getByText(`BANK-${RUN}`).isVisible()).resolves.toBe(true);
    await screenshot(page, "96-invoice-paid");
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("navigation", { name: "Main" }).isVisible()).resolves.toBe(false);
    await screenshot(page, "97-invoice-printed");
    await page.emulateMedia({ media: "screen" });

    expect(await availableMicros(page)).toBe(before + BigInt(CREDITS) * 1_000_000n);

    await page.goto(purchaseUrl);
    await expect(page.getByTestId("purchase-status-note").textContent()).resolves.toMatch(/^Paid .+: 60,000 credits were granted\.$/);
    const audit = page.getByRole("table", { name: "Audit trail, oldest first" });
    await expect.poll(() => audit.getByRole("row").allTextContents()).toEqual([
      "WhenWhoWhatChanges",
      expect.stringMatching(/Max Member.*Purchase requested/),
      expect.stringMatching(/Finn Finance.*Purchase approved.*status: pending_approval → awaiting_payment/),
      expect.stringMatching(/Finn Finance.*Purchase payment started.*invoiceNumber: — → INV-/),
      expect.stringMatching(new RegExp(`Finn Finance.*Purchase paid.*status: awaiting_payment → paid.*paymentReference: — → BANK-${RUN}`)),
    ]);
    await screenshot(page, "98-purchase-paid-with-audit-trail");

    const csv = await page.request.get(`${appUrl}/purchases/export?status=paid`);
    expect(csv.status()).toBe(200);
    const rows = (await csv.text()).split("\r\n");
    expect(rows[0]).toMatch(/^id,requested_at \(Europe\/London\),status,source,requested_by,requested_by_email,api_key,credits,credits_micros,annual_prepay,currency,net,net_minor,total,total_minor,/);
    expect(rows.find((row) => row.includes(NOTE))).toMatch(/,paid,request,Max Member,member@allot\.demo,,60000,60000000000,false,USD,590,59000,590,59000,1,1,invoice,INV-\d{4}-\d+,/);

    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`${appUrl}/purchases?status=paid`);
    await page.getByRole("row", { name: new RegExp(`Max Member.*${NOTE.replace(/[()]/g, "\\$&")}`) }).waitFor();
    await screenshot(page, "99-purchases-history-dark");
    await page.close();
  });
});

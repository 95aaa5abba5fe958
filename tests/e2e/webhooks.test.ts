import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyWebhook } from "../../server/webhooks/verify";
import { screenshot, signInAs, useBrowser } from "../support/browser";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

const { browser, appUrl } = useBrowser();
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());

describe("webhooks", () => {
  it("an administrator registers an endpoint, sees a signed test delivery in its log, and replays it with the same event id", async () => {
    const context = await browser().newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await signInAs(page, appUrl, /Ada Admin/);
    await page.getByRole("link", { name: "Webhooks" }).click();
    await page.getByRole("heading", { name: "Webhooks", level: 1 }).waitFor();

    const url = `${receiver.url}/e2e-${Date.now().toString(36)}`;
    const register = page.getByRole("region", { name: "Register an endpoint" });
    await register.getByLabel("Endpoint URL").fill(url);
    await register.getByLabel("Description (optional)").fill("Host app (browser test)");
    await register.getByRole("checkbox", { name: /grant\.expired/ }).uncheck();
    await register.getByRole("button", { name: "Register endpoint" }).click();

    const shown = page.getByLabel("Signing secret");
    await shown.waitFor();
    const secret = await shown.inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await expect(page.getByText("It will not be shown again").isVisible()).resolves.toBe(true);
    await screenshot(page, "60-webhook-registered");

    await page.getByRole("link", { name: "Open the endpoint and send a test event" }).click();
    await page.getByRole("heading", { name: url, level: 1 }).waitFor();
    await page.getByText("No deliveries yet").waitFor();

    // From the keyboard: focus the button and press Enter.
    await page.getByRole("button", { name: "Send test event" }).focus();
    await page.keyboard.press("Enter");
    await page.getByText("Test event sent: the endpoint answered 2xx.").waitFor();
    const deliveries = page.getByTestId("webhook-delivery");
    await deliveries.first().getByText("webhook.test", { exact: true }).waitFor();
    await deliveries.first().getByText("Sent", { exact: true }).waitFor();

    const received = receiver.requests.filter((request) => request.path === new URL(url).pathname);
    expect(received).toHaveLength(1);
    const event = verifyWebhook({ body: received[0]!.body, signature: received[0]!.headers["allot-signature"], secret });
    expect(event.type).toBe("webhook.test");
    await deliveries.first().getByText(event.id, { exact: true }).waitFor();

    await deliveries.first().getByText(/1 attempt, last: HTTP 200/).click();
    await deliveries.first().getByText("ok", { exact: true }).waitFor();
    await screenshot(page, "61-webhook-delivery-log");

    await deliveries.first().getByRole("button", { name: /^Replay/ }).click();
    await expect.poll(() => deliveries.count(), { timeout: 30_000 }).toBe(2);
    await deliveries.first().getByText("Replay", { exact: true }).waitFor();
    const again = receiver.requests.filter((request) => request.path === new URL(url).pathname);
    expect(again).toHaveLength(2);
    expect(again[1]!.eventId).toBe(event.id);
    expect(again[1]!.body).toBe(again[0]!.body);
    await screenshot(page, "62-webhook-replayed");

    const csv = await page.request.get(`${page.url()}/export`);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).every((line) => line.includes(event.id) && line.includes(",200,"))).toBe(true);

    // Rotating shows the new secret once; for the default overlap, deliveries verify with either.
    const rotation = page.getByRole("region", { name: "Signing secret" });
    await expect(rotation.getByLabel("Keep signing with the old secret for").inputValue()).resolves.toBe("24");
    await rotation.getByRole("button", { name: "Rotate secret" }).click();
    const rotatedField = rotation.getByRole("textbox", { name: "Signing secret" });
    await rotatedField.waitFor();
    const rotated = await rotatedField.inputValue();
    expect(rotated).not.toBe(secret);
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect.poll(() => deliveries.count(), { timeout: 30_000 }).toBe(3);
    const latest = receiver.requests.filter((request) => request.path === new URL(url).pathname).at(-1)!;
    expect(verifyWebhook({ body: latest.body, signature: latest.headers["allot-signature"], secret: rotated }).type).toBe("webhook.test");
    expect(verifyWebhook({ body: latest.body, signature: latest.headers["allot-signature"], secret }).id).toBe(verifyWebhook({ body: latest.body, signature: latest.headers["allot-signature"], secret: rotated }).id);
    await rotation.getByText(/also signed with the previous secret until/).waitFor();

    // Disabled, it offers no test event and no replay.
    await page.getByRole("button", { name: "Disable" }).click();
    await page.getByRole("button", { name: "Disable now" }).click();
    await page.getByText("Disabled", { exact: true }).waitFor();
    await expect(page.getByRole("button", { name: "Send test event" }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: /^Replay/ }).count()).resolves.toBe(0);
    await screenshot(page, "63-webhook-disabled");
    await context.close();
  });
});

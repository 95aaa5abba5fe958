import { createHmac } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebhookReceiver, verifyAllotSignature } from "../../examples/sibling-app/webhook-receiver";

const SECRET = "whsec_example_secret";
const sign = (body: string, t: number, secret = SECRET) => `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

describe("the sibling-app example's webhook receiver", () => {
  const lines: string[] = [];
  const server = createWebhookReceiver(SECRET, (line) => lines.push(line));
  let url = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (body: string, signature?: string) =>
    fetch(url, { method: "POST", body, headers: signature ? { "allot-signature": signature } : {} }).then((response) => response.status);

  it("accepts a correctly signed delivery and reacts to it", async () => {
    const body = JSON.stringify({ id: "evt_1", type: "budget.paused", createdAt: "2026-11-25T10:00:00Z", orgId: "org", data: { budgetName: "Support monthly" } });
    expect(await post(body, sign(body, now()))).toBe(200);
    expect(lines).toEqual(["evt_1 budget.paused: pausing agents under budget Support monthly until it resumes"]);
  });

  it("refuses a missing, forged, tampered or stale signature and does nothing", async () => {
    const body = JSON.stringify({ id: "evt_2", type: "budget.paused", data: {} });
    expect(await post(body)).toBe(401);
    expect(await post(body, sign(body, now(), "another-secret"))).toBe(401);
    expect(await post(body.replace("evt_2", "evt_3"), sign(body, now()))).toBe(401);
    expect(await post(body, sign(body, now() - 600))).toBe(401);
    expect(lines.filter((line) => line.startsWith("evt_2") || line.startsWith("evt_3"))).toEqual([]);
    expect(verifyAllotSignature(SECRET, "t=1,v1=zz", body)).toBeNull();
  });
});

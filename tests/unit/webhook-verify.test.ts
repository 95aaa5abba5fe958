import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { computeSignature, verifyWebhook, WebhookVerificationError } from "../../server/webhooks/verify";

const SECRET = "whsec_unit-test-secret";
const BODY = JSON.stringify({ id: "0193a1c2-7d4e-7a31-9c55-2f0e8b6d1a90", type: "balance.low", createdAt: "2026-11-25T10:00:00.000Z", orgId: "o", data: { availableMicros: 1 } });
const NOW = 1_795_000_000;
const header = (t: number, secret = SECRET, body = BODY) => `t=${t},v1=${computeSignature(secret, t, body)}`;

const reasonOf = (run: () => unknown) => {
  try {
    run();
    return "verified";
  } catch (error) {
    return error instanceof WebhookVerificationError ? error.reason : String(error);
  }
};

/** The recipe docs/webhooks.md gives for apps that do not import Allot's code, run as written. */
function documentedVerifier(): (rawBody: string, header: string, secret: string, toleranceSeconds?: number) => boolean {
  const doc = readFileSync(new URL("../../docs/webhooks.md", import.meta.url), "utf8");
  const start = doc.indexOf('const { createHmac, timingSafeEqual } = require("node:crypto");');
  const code = doc.slice(start, doc.indexOf("```", start));
  expect(start).toBeGreaterThan(0);
  return new Function("require", `${code}\nreturn verifyAllotSignature;`)(createRequire(import.meta.url)) as ReturnType<typeof documentedVerifier>;
}

describe("verifyWebhook", () => {
  it("accepts a fresh signature and returns the event", () => {
    expect(verifyWebhook({ body: BODY, signature: header(NOW), secret: SECRET, nowSeconds: NOW + 10 })).toEqual(JSON.parse(BODY));
  });

  it("accepts any matching v1 among several (e.g. a receiver-side overlap)", () => {
    const signature = `t=${NOW},v1=${"0".repeat(64)},v1=${computeSignature(SECRET, NOW, BODY)}`;
    expect(reasonOf(() => verifyWebhook({ body: BODY, signature, secret: SECRET, nowSeconds: NOW }))).toBe("verified");
  });

  it("refuses a tampered body, another secret, a stale or future timestamp, and a bad header", () => {
    const verify = (overrides: Partial<Parameters<typeof verifyWebhook>[0]>) =>
      reasonOf(() => verifyWebhook({ body: BODY, signature: header(NOW), secret: SECRET, nowSeconds: NOW, ...overrides }));
    expect(verify({ body: BODY.replace('"availableMicros":1', '"availableMicros":2') })).toBe("signature-mismatch");
    expect(verify({ secret: `${SECRET}!` })).toBe("signature-mismatch");
    expect(verify({ nowSeconds: NOW + 301 })).toBe("timestamp-too-old");
    expect(verify({ nowSeconds: NOW + 300 })).toBe("verified");
    expect(verify({ nowSeconds: NOW + 30, toleranceSeconds: 10 })).toBe("timestamp-too-old");
    expect(verify({ nowSeconds: NOW - 301 })).toBe("timestamp-in-future");
    expect(verify({ signature: undefined })).toBe("missing-header");
    expect(verify({ signature: `t=${NOW}` })).toBe("malformed-header");
    expect(verify({ signature: `v1=${computeSignature(SECRET, NOW, BODY)}` })).toBe("malformed-header");
    expect(verify({ signature: `t=${NOW},v1=zz` })).toBe("malformed-header");
    // Moving the timestamp forward invalidates the signature: it covers "t.body".
    expect(verify({ signature: header(NOW).replace(`t=${NOW}`, `t=${NOW + 100}`), nowSeconds: NOW + 100 })).toBe("signature-mismatch");
  });
});

describe("the documented Node recipe", () => {
  it("agrees with verifyWebhook", () => {
    const verifyByHand = documentedVerifier();
    const t = Math.floor(Date.now() / 1000);
    expect(verifyByHand(BODY, header(t), SECRET)).toBe(true);
    expect(verifyByHand(`${BODY} `, header(t), SECRET)).toBe(false);
    expect(verifyByHand(BODY, header(t), `${SECRET}!`)).toBe(false);
    expect(verifyByHand(BODY, header(t - 301), SECRET)).toBe(false);
    expect(verifyByHand(BODY, `t=${t}`, SECRET)).toBe(false);
  });
});

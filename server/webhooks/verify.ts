import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Verifying Allot's webhooks, for the host and its sibling apps (re-exported from
 * server/api/client.ts). Self-contained on purpose — node:crypto only — so it can be copied.
 *
 * Allot sends `Allot-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` keyed
 * with the endpoint's signing secret (the whole `whsec_…` string). See docs/webhooks.md.
 */

export const SIGNATURE_HEADER = "allot-signature";
export const EVENT_ID_HEADER = "allot-event-id";
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** The event every delivery carries (docs/webhooks.md lists `data` per type; amounts are integer `…Micros`). */
export interface AllotWebhookEvent<Data = Record<string, unknown>> {
  id: string;
  type: string;
  createdAt: string;
  orgId: string;
  data: Data;
}

export type WebhookVerificationFailure = "missing-header" | "malformed-header" | "timestamp-too-old" | "timestamp-in-future" | "signature-mismatch";

export class WebhookVerificationError extends Error {
  override readonly name = "WebhookVerificationError";
  constructor(readonly reason: WebhookVerificationFailure) {
    super(`Webhook signature verification failed: ${reason}`);
  }
}

/** The hex HMAC-SHA256 of `<timestamp>.<body>`: what `v1=` carries. */
export function computeSignature(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
}

function parseHeader(header: string): { timestamp: number; signatures: string[] } {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part.trim().split("=", 2) as [string, string | undefined];
    if (!value) continue;
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === "v1" && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  if (timestamp === null || signatures.length === 0) throw new WebhookVerificationError("malformed-header");
  return { timestamp, signatures };
}

export interface VerifyOptions {
  /** The raw request body, exactly as received (not re-serialised JSON). */
  body: string;
  /** The `Allot-Signature` header. */
  signature: string | null | undefined;
  secret: string;
  /** How old (or how far ahead) a timestamp may be; default 5 minutes. */
  toleranceSeconds?: number;
  /** The receiver's clock, in unix seconds (tests). */
  nowSeconds?: number;
}

/**
 * Checks a delivery and returns its event. Throws `WebhookVerificationError` when the header is
 * missing or malformed, the timestamp is outside the tolerance (a replayed capture), or no `v1`
 * signature matches the body (compared in constant time).
 */
export function verifyWebhook<Data = Record<string, unknown>>(options: VerifyOptions): AllotWebhookEvent<Data> {
  if (!options.signature) throw new WebhookVerificationError("missing-header");
  const { timestamp, signatures } = parseHeader(options.signature);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (now - timestamp > tolerance) throw new WebhookVerificationError("timestamp-too-old");
  if (timestamp - now > tolerance) throw new WebhookVerificationError("timestamp-in-future");
  const expected = Buffer.from(computeSignature(options.secret, timestamp, options.body), "hex");
  const matches = signatures.some((candidate) => {
    const presented = Buffer.from(candidate, "hex");
    return presented.length === expected.length && timingSafeEqual(presented, expected);
  });
  if (!matches) throw new WebhookVerificationError("signature-mismatch");
  return JSON.parse(options.body) as AllotWebhookEvent<Data>;
}

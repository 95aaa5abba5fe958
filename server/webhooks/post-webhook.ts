import { computeSignature } from "./verify";

/** Under the outbox's 60-second lease, so an attempt never outlives the claim that made it. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
const EXCERPT_CHARS = 1_000;

export interface WebhookRequest {
  url: string;
  /** The endpoint's secret, then the previous one while it still signs (after a rotation). */
  secrets: string[];
  eventId: string;
  eventType: string;
  /** The outbox message: one per delivery (a replay is a new one). */
  deliveryId: string;
  body: string;
}

export interface WebhookAttemptResult {
  /** null when no answer came (refused, timed out, DNS). */
  statusCode: number | null;
  responseExcerpt: string | null;
  error: string | null;
  durationMs: number;
}

export const acknowledged = (result: WebhookAttemptResult) => result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;

/**
 * One signed POST. Redirects are not followed (a 3xx is a failed attempt, like any non-2xx): the
 * registered URL is where events go. The signature's timestamp is the sending time, so a retry
 * carries a fresh one and a receiver's 5-minute tolerance applies to each attempt.
 */
export async function postWebhook(request: WebhookRequest, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<WebhookAttemptResult> {
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(request.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        "content-type": "application/json",
        "user-agent": "Allot-Webhooks/1",
        "allot-event-id": request.eventId,
        "allot-event-type": request.eventType,
        "allot-delivery-id": request.deliveryId,
        "allot-signature": [`t=${timestamp}`, ...request.secrets.map((secret) => `v1=${computeSignature(secret, timestamp, request.body)}`)].join(","),
      },
      body: request.body,
    });
    const text = await response.text().catch(() => "");
    return { statusCode: response.status, responseExcerpt: text.slice(0, EXCERPT_CHARS), error: null, durationMs: elapsed() };
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    const reason = timedOut ? `No answer within ${timeoutMs / 1000} s` : `${error instanceof Error ? error.message : String(error)}${cause}`;
    return { statusCode: null, responseExcerpt: null, error: reason, durationMs: elapsed() };
  }
}

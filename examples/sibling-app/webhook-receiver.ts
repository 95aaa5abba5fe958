/**
 * A sibling app reacting to Allot's webhooks (docs/webhooks.md): it verifies each delivery's
 * signature and, when a budget pauses spending or credits run low, stops or slows its agents.
 *
 *   ALLOT_WEBHOOK_SECRET=whsec_… PORT=4010 npx tsx examples/sibling-app/webhook-receiver.ts
 *
 * Allot signs every delivery with the header `Allot-Signature: t=<unix seconds>,v1=<hex>` where the
 * hex is HMAC-SHA256(secret, "<t>.<raw body>"). The verifier below is written out so the example
 * stands alone; Allot also exports one (see docs/webhooks.md) — use that in real code.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";

/** Deliveries older than this are refused, so a captured request cannot be replayed later. */
const TOLERANCE_SECONDS = 5 * 60;

export function verifyAllotSignature(secret: string, header: string | undefined, rawBody: string, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  if (!header) return false;
  const fields = new Map(header.split(",").map((part) => part.trim().split("=", 2) as [string, string]));
  const timestamp = Number(fields.get("t"));
  const signature = fields.get("v1");
  if (!Number.isInteger(timestamp) || !signature || !/^[0-9a-f]{64}$/.test(signature)) return false;
  if (Math.abs(nowSeconds - timestamp) > TOLERANCE_SECONDS) return false;
  const expected = createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest();
  return timingSafeEqual(expected, Buffer.from(signature, "hex"));
}

export interface AllotEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

/** What this app does about an event: here it only says so; a real runtime would stop or throttle its agents. */
export function reactTo(event: AllotEvent): string {
  switch (event.type) {
    case "budget.paused":
      return `pausing agents under budget ${String(event.data.budgetName ?? event.data.budgetId)} until it resumes`;
    case "budget.threshold_crossed":
      return `switching to the cheaper model: budget ${String(event.data.budgetName ?? event.data.budgetId)} passed ${String(event.data.thresholdPercent)} %`;
    case "credits.low_balance":
      return "queueing non-urgent runs: the credit balance is low";
    default:
      return `ignoring ${event.type}`;
  }
}

/** The receiver: 401 for a bad or stale signature, 200 once the event is handled (Allot retries anything else). */
export function createWebhookReceiver(secret: string, log: (line: string) => void = console.log): http.Server {
  return http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const header = request.headers["allot-signature"];
    if (request.method !== "POST" || !verifyAllotSignature(secret, Array.isArray(header) ? header[0] : header, body)) {
      response.writeHead(401).end();
      return;
    }
    const event = JSON.parse(body) as AllotEvent;
    log(`${event.id} ${event.type}: ${reactTo(event)}`);
    response.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
  });
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const secret = process.env.ALLOT_WEBHOOK_SECRET;
  if (!secret) {
    console.error("Set ALLOT_WEBHOOK_SECRET to the endpoint's signing secret (docs/webhooks.md).");
    process.exit(2);
  }
  const port = Number(process.env.PORT ?? 4010);
  createWebhookReceiver(secret).listen(port, () => console.log(`Listening for Allot webhooks on http://localhost:${port}/`));
}

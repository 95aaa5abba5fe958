/**
 * A sibling app reacting to Allot's webhooks (docs/webhooks.md): it verifies each delivery with
 * Allot's exported helper and, when a budget pauses spending or credits run low, stops or slows
 * its agents.
 *
 *   ALLOT_WEBHOOK_SECRET=whsec_… PORT=4010 npx tsx examples/sibling-app/webhook-receiver.ts
 *
 * Allot signs every delivery with `Allot-Signature: t=<unix seconds>,v1=<hex>` where the hex is
 * HMAC-SHA256(secret, "<t>.<raw body>"); `verifyWebhook` checks it in constant time and refuses
 * timestamps more than five minutes off. Deliveries may repeat (retries, replays): dedupe by `id`.
 */
import http from "node:http";
import { verifyWebhook, type AllotWebhookEvent } from "../../server/api/client";

/** Whether a delivery is genuine and fresh (the receiver answers 401 otherwise). */
export function verifyAllotSignature(secret: string, header: string | undefined, rawBody: string, nowSeconds?: number): AllotWebhookEvent | null {
  try {
    return verifyWebhook({ secret, signature: header, body: rawBody, nowSeconds });
  } catch {
    return null;
  }
}

/** What this app does about an event: here it only says so; a real runtime would stop or throttle its agents. */
export function reactTo(event: AllotWebhookEvent): string {
  switch (event.type) {
    case "budget.paused":
      return `pausing agents under budget ${String(event.data.budgetName ?? event.data.budgetId)} until it resumes`;
    case "budget.resumed":
      return `resuming agents under budget ${String(event.data.budgetName ?? event.data.budgetId)}`;
    case "budget.threshold_crossed":
      return `switching to the cheaper model: budget ${String(event.data.budgetName ?? event.data.budgetId)} passed ${String(event.data.thresholdPercent)} %`;
    case "balance.low":
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
    const event = request.method === "POST" ? verifyAllotSignature(secret, Array.isArray(header) ? header[0] : header, body) : null;
    if (!event) {
      response.writeHead(401).end();
      return;
    }
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

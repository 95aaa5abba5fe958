import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhook, type AllotWebhookEvent } from "../../server/webhooks/verify";

/**
 * A host's webhook endpoint on 127.0.0.1, as a test controls it: it records every request (raw
 * body and headers), answers with the statuses a test queues (200 once the queue is empty), and
 * counts a delivery as received only when it answered 2xx — what a real receiver would have acted on.
 */
export interface ReceivedRequest {
  path: string;
  headers: Record<string, string | undefined>;
  body: string;
  eventId: string | undefined;
  /** What it answered. */
  status: number;
}

export interface WebhookReceiver {
  /** The receiver's base URL: give each endpoint its own path under it (`${url}/<name>`). */
  url: string;
  requests: ReceivedRequest[];
  /** Answer the next requests with these statuses, in order. */
  answerNext(...statuses: number[]): void;
  /** Hold every answer this long. */
  setDelay(ms: number): void;
  /** Requests answered 2xx for this event id: the deliveries the host acted on. */
  acknowledged(eventId: string): ReceivedRequest[];
  /** Every event acknowledged at this URL (one endpoint's), verified with its secret (throws if one does not verify). */
  verifiedEvents(url: string, secret: string): AllotWebhookEvent[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const queued: number[] = [];
  let delayMs = 0;
  const server = createServer((request, response) => {
    void readBody(request).then(async (body) => {
      const status = queued.shift() ?? 200;
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(",") : value]));
      requests.push({ path: request.url ?? "", headers, body, eventId: headers["allot-event-id"], status });
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      response.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : `receiver said ${status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const acknowledged = (eventId: string) => requests.filter((request) => request.eventId === eventId && request.status < 300);
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    requests,
    answerNext: (...statuses) => queued.push(...statuses),
    setDelay: (ms) => {
      delayMs = ms;
    },
    acknowledged,
    verifiedEvents: (url, secret) =>
      requests
        .filter((request) => request.status < 300 && request.path === new URL(url).pathname)
        .map((request) => verifyWebhook({ body: request.body, signature: request.headers["allot-signature"], secret })),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

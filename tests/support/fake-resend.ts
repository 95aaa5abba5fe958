import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for Resend's HTTP API on 127.0.0.1 — the part the SDK calls to send (POST /emails) —
 * for the real `resend` SDK to talk to through `baseUrl`. It answers the way Resend documents:
 * `{ id }` on success, `{ statusCode, name, message }` on errors, and for a repeated
 * Idempotency-Key the first successful answer again without delivering again (a different payload
 * under a used key is 409 invalid_idempotent_request; one still in flight is 409
 * concurrent_idempotent_requests). A test decides how it misbehaves.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | null;
  idempotencyKey: string | null;
  body: unknown;
  /** What it answered; null when the connection was refused or the answer never left. */
  status: number | null;
}

export interface Delivery {
  id: string;
  idempotencyKey: string | null;
  from: string;
  to: string[];
  subject: string;
  html: string | undefined;
  text: string | undefined;
}

export interface FakeResend {
  url: string;
  apiKey: string;
  requests: RecordedRequest[];
  deliveries: Delivery[];
  /** Answer the next `times` sends with `status` (500 by default), before looking at them. */
  failNext(times: number, status?: 429 | 500 | 502 | 503): void;
  /** Stop listening: connections are refused until `comeBack`. */
  goDown(): Promise<void>;
  comeBack(): Promise<void>;
  /** Hold every answer this long. */
  setDelay(ms: number): void;
  /** How many e-mails were really delivered under this idempotency key. */
  deliveredCount(idempotencyKey: string): number;
  requestsFor(idempotencyKey: string): RecordedRequest[];
  close(): Promise<void>;
}

type Answer = { status: number; body: unknown };

const ERROR_NAMES: Record<number, string> = {
  429: "rate_limit_exceeded",
  500: "internal_server_error",
  502: "application_error",
  503: "application_error",
};

const error = (status: number, name: string, message: string): Answer => ({ status, body: { statusCode: status, name, message } });

/** What Resend accepts in `to`: "a@b.c" or "Name <a@b.c>". */
const ADDRESS = /^(?:[^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeResend(apiKey = "re_test_fake_key"): Promise<FakeResend> {
  const requests: RecordedRequest[] = [];
  const deliveries: Delivery[] = [];
  /** Idempotency key → the payload's hash and the successful answer it got. */
  const answered = new Map<string, { hash: string; answer: Answer }>();
  const inFlight = new Set<string>();
  let failuresLeft = 0;
  let failureStatus = 500;
  let delayMs = 0;

  async function handle(request: IncomingMessage, recorded: RecordedRequest, raw: string): Promise<Answer> {
    if (!recorded.authorization) return error(401, "missing_api_key", "Missing API key in the authorization header.");
    if (recorded.authorization !== `Bearer ${apiKey}`) return error(403, "invalid_api_key", "API key is invalid");
    if (request.method !== "POST" || recorded.path !== "/emails") return error(404, "not_found", "The requested endpoint does not exist.");
    if (failuresLeft > 0) {
      failuresLeft--;
      return error(failureStatus, ERROR_NAMES[failureStatus] ?? "application_error", "The fake Resend was told to fail this request.");
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
      recorded.body = body;
    } catch {
      return error(422, "validation_error", "Invalid JSON body.");
    }
    const key = recorded.idempotencyKey;
    if (key !== null && (key.length < 1 || key.length > 256)) return error(400, "invalid_idempotency_key", "The key must be between 1-256 chars.");
    const hash = createHash("sha256").update(raw).digest("hex");
    if (key !== null) {
      const previous = answered.get(key);
      if (previous) {
        return previous.hash === hash
          ? previous.answer
          : error(409, "invalid_idempotent_request", "Same idempotency key used with a different request payload.");
      }
      if (inFlight.has(key)) return error(409, "concurrent_idempotent_requests", "Same idempotency key used while original request is still in progress.");
      inFlight.add(key);
    }
    try {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const answer = deliver(body, key);
      if (key !== null && answer.status === 200) answered.set(key, { hash, answer });
      return answer;
    } finally {
      if (key !== null) inFlight.delete(key);
    }
  }

  function deliver(body: Record<string, unknown>, key: string | null): Answer {
    const to = typeof body.to === "string" ? [body.to] : Array.isArray(body.to) ? (body.to as unknown[]) : [];
    for (const field of ["from", "subject"] as const) {
      if (typeof body[field] !== "string" || body[field] === "") return error(422, "missing_required_field", `Missing \`${field}\` field.`);
    }
    if (to.length === 0) return error(422, "missing_required_field", "Missing `to` field.");
    const invalid = to.find((address) => typeof address !== "string" || !ADDRESS.test(address));
    if (invalid !== undefined) {
      return error(422, "validation_error", "Invalid `to` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.");
    }
    if (typeof body.html !== "string" && typeof body.text !== "string") return error(422, "validation_error", "Missing `html` or `text` field.");
    const id = randomUUID();
    deliveries.push({
      id,
      idempotencyKey: key,
      from: body.from as string,
      to: to as string[],
      subject: body.subject as string,
      html: body.html as string | undefined,
      text: body.text as string | undefined,
    });
    return { status: 200, body: { id } };
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const recorded: RecordedRequest = {
      method: request.method ?? "",
      path: (request.url ?? "").split("?")[0] ?? "",
      authorization: request.headers.authorization ?? null,
      idempotencyKey: (request.headers["idempotency-key"] as string | undefined) ?? null,
      body: null,
      status: null,
    };
    requests.push(recorded);
    readBody(request)
      .then((raw) => handle(request, recorded, raw))
      .then((answer) => {
        recorded.status = answer.status;
        response.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
      })
      .catch((failure: unknown) => {
        response.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify(error(500, "internal_server_error", String(failure)).body));
      });
  });

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Kept-alive connections would otherwise still reach it.
      server.closeAllConnections();
    });

  const port = await listen(0);
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    deliveries,
    failNext(times, status = 500) {
      failuresLeft = times;
      failureStatus = status;
    },
    goDown: stop,
    async comeBack() {
      await listen(port);
    },
    setDelay(ms) {
      delayMs = ms;
    },
    deliveredCount: (key) => deliveries.filter((delivery) => delivery.idempotencyKey === key).length,
    requestsFor: (key) => requests.filter((request) => request.idempotencyKey === key),
    close: async () => {
      if (server.listening) await stop();
    },
  };
}

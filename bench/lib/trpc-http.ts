import { Pool } from "undici";

/**
 * Calls a procedure over HTTP exactly as a sibling app without our client would: tRPC's wire
 * format (POST for mutations, GET with ?input= for queries), the API key as a Bearer token.
 *
 * undici's `Pool.request` over keep-alive connections: the load generator shares the two cores with
 * the server and PostgreSQL, so what it spends per call is taken from them. `fetch` (web streams, a
 * Request and a Response per call) spent about as much CPU per call as the server did; `node:http`
 * about half again what `Pool.request` does (its parser is llhttp compiled to WebAssembly, with
 * little per-call allocation).
 */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly appCode: string,
  ) {
    super(`${status} ${appCode}`);
  }
}

/** A pool per server, its connections reused across calls; as many as calls in flight. */
const pools = new Map<string, Pool>();

function poolFor(origin: string): Pool {
  let pool = pools.get(origin);
  if (!pool) pools.set(origin, (pool = new Pool(origin)));
  return pool;
}

/** Thrown when a call has no answer within its `timeoutMs` (the request is abandoned). */
export class CallTimeoutError extends Error {}

export async function callProcedure<T>(
  baseUrl: string,
  apiKey: string,
  kind: "query" | "mutation",
  path: string,
  input?: unknown,
  options: { timeoutMs?: number } = {},
): Promise<T> {
  const query = kind === "query" && input !== undefined ? `?input=${encodeURIComponent(JSON.stringify(input))}` : "";
  const body = kind === "mutation" ? JSON.stringify(input ?? null) : undefined;
  const { status, text } = await send(baseUrl, `/api/trpc/${path}${query}`, {
    method: kind === "query" ? "GET" : "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body,
    timeoutMs: options.timeoutMs,
  });
  let parsed: { result?: { data: T }; error?: { data?: { appCode?: string } } } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new ApiCallError(status, "NOT_JSON");
  }
  if (status >= 400 || !parsed.result) throw new ApiCallError(status, parsed.error?.data?.appCode ?? "UNKNOWN");
  return parsed.result.data;
}

async function send(
  baseUrl: string,
  path: string,
  options: { method: "GET" | "POST"; headers: Record<string, string>; body?: string; timeoutMs?: number },
): Promise<{ status: number; text: string }> {
  const url = new URL(path, baseUrl);
  const signal = options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await poolFor(url.origin).request({ path: url.pathname + url.search, method: options.method, headers: options.headers, body: options.body, signal });
    return { status: response.statusCode, text: await response.body.text() };
  } catch (error) {
    if (signal?.aborted) throw new CallTimeoutError(`no answer to ${options.method} ${url.pathname} within ${options.timeoutMs} ms`);
    throw error;
  }
}

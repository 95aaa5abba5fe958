import http from "node:http";

/**
 * Calls a procedure over HTTP exactly as a sibling app without our client would: tRPC's wire
 * format (POST for mutations, GET with ?input= for queries), the API key as a Bearer token.
 *
 * Node's `http` with keep-alive connections rather than `fetch`: the load generator shares the two
 * cores with the server and PostgreSQL, and `fetch` (undici's web streams, a Request and a Response
 * per call) spent about as much CPU per call as the server did — that was measuring the generator.
 */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly appCode: string,
  ) {
    super(`${status} ${appCode}`);
  }
}

/** Connections are reused across calls; as many as calls in flight. */
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

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
  const { status, text } = await send(new URL(`${baseUrl}/api/trpc/${path}${query}`), {
    method: kind === "query" ? "GET" : "POST",
    headers: {
      authorization: `Bearer ${apiKey}`,
      "content-type": "application/json",
      ...(body === undefined ? {} : { "content-length": Buffer.byteLength(body) }),
    },
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

function send(url: URL, options: { method: string; headers: http.OutgoingHttpHeaders; body?: string; timeoutMs?: number }): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method, headers: options.headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      response.on("error", reject);
    });
    request.on("error", reject);
    if (options.timeoutMs !== undefined) {
      const timer = setTimeout(() => {
        reject(new CallTimeoutError(`no answer to ${options.method} ${url.pathname} within ${options.timeoutMs} ms`));
        request.destroy();
      }, options.timeoutMs);
      request.on("close", () => clearTimeout(timer));
    }
    request.end(options.body);
  });
}

/**
 * Calls a procedure over HTTP exactly as a sibling app without our client would: tRPC's wire
 * format (POST for mutations, GET with ?input= for queries), the API key as a Bearer token.
 */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly appCode: string,
  ) {
    super(`${status} ${appCode}`);
  }
}

export async function callProcedure<T>(baseUrl: string, apiKey: string, kind: "query" | "mutation", path: string, input?: unknown): Promise<T> {
  const url =
    kind === "query"
      ? `${baseUrl}/api/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`
      : `${baseUrl}/api/trpc/${path}`;
  const response = await fetch(url, {
    method: kind === "query" ? "GET" : "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: kind === "mutation" ? JSON.stringify(input ?? null) : undefined,
  });
  const body = (await response.json()) as { result?: { data: T }; error?: { data?: { appCode?: string } } };
  if (!response.ok || !body.result) throw new ApiCallError(response.status, body.error?.data?.appCode ?? "UNKNOWN");
  return body.result.data;
}

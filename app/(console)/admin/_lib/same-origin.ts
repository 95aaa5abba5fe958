/**
 * Route handlers that change data with the session cookie refuse requests from other sites, as
 * Next.js does for server actions: the Origin header's host must be the host the request reached.
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

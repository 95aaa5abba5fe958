import http from "node:http";

/**
 * Forwards a request to the pages process (server/http/pages-process.ts) on the loopback interface
 * and streams its answer back: method, path, headers and body as they came, the answer's status,
 * headers (repeated ones such as Set-Cookie included) and body as they go. Connection-level headers
 * are each hop's own. The client's address travels in X-Forwarded-For.
 */
export function createPagesProxy(target: { host: string; port: number }): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const agent = new http.Agent({ keepAlive: true });
  return (req, res) => {
    const upstream = http.request(
      {
        host: target.host,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...withoutHopHeaders(req.headers), "x-forwarded-for": forwardedFor(req) },
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, withoutHopRawHeaders(answer.rawHeaders));
        answer.pipe(res);
        answer.on("error", () => res.destroy());
      },
    );
    let clientGone = false;
    upstream.on("error", (error) => {
      if (clientGone) return;
      if (res.headersSent) {
        res.destroy();
        return;
      }
      console.error("[pages] the pages process did not answer", error);
      res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
      res.end("The pages are not available right now. Try again in a moment.\n");
    });
    // A client that goes away takes its forwarded request with it.
    res.on("close", () => {
      if (res.writableFinished) return;
      clientGone = true;
      upstream.destroy();
    });
    req.pipe(upstream);
  };
}

/** Headers about one connection, not the message (RFC 9110 §7.6.1), plus those the sender's Connection header names. */
const HOP_HEADERS = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authenticate", "proxy-authorization"]);

function hopHeadersOf(connection: string | string[] | undefined): Set<string> {
  const named = (Array.isArray(connection) ? connection.join(",") : (connection ?? "")).split(",").map((name) => name.trim().toLowerCase());
  return new Set([...HOP_HEADERS, ...named.filter(Boolean)]);
}

function withoutHopHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const hop = hopHeadersOf(headers.connection);
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !hop.has(name)));
}

/** A raw header list (name, value, name, value …) without the hop-by-hop ones, repeated headers kept. */
function withoutHopRawHeaders(raw: string[]): string[] {
  const connection: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === "connection") connection.push(raw[i + 1]!);
  const hop = hopHeadersOf(connection);
  const kept: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (!hop.has(raw[i]!.toLowerCase())) kept.push(raw[i]!, raw[i + 1]!);
  return kept;
}

function forwardedFor(req: http.IncomingMessage): string {
  const earlier = req.headers["x-forwarded-for"];
  const client = req.socket.remoteAddress ?? "unknown";
  return earlier ? `${Array.isArray(earlier) ? earlier.join(", ") : earlier}, ${client}` : client;
}

import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback OpenID Connect issuer for the browser tests: discovery, JWKS, an authorize page where
 * the test types who signs in, and a token endpoint that issues an RS256 id_token. It checks what a
 * real issuer checks of the client: redirect URI, client secret, PKCE verifier, one use per code.
 */
export interface FakeOidc {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

interface PendingCode {
  redirectUri: string;
  codeChallenge: string | null;
  nonce: string | null;
  claims: { sub: string; email: string; email_verified: boolean; name: string };
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

function signJwt(privateKey: KeyObject, kid: string, payload: Record<string, unknown>): string {
  const input = `${base64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }))}.${base64url(JSON.stringify(payload))}`;
  return `${input}.${base64url(sign("sha256", Buffer.from(input), privateKey))}`;
}

async function formBody(request: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

function loginPage(query: URLSearchParams): string {
  const hidden = [...query].map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join("");
  return `<!doctype html><title>Test identity provider</title><h1>Test identity provider</h1>
<form method="post" action="/authorize">${hidden}
<label>Subject <input name="sub" required></label>
<label>E-mail <input name="email" type="email" required></label>
<label>Name <input name="name"></label>
<label><input type="checkbox" name="email_verified" value="true" checked> E-mail verified</label>
<button type="submit">Sign in</button></form>`;
}

export async function startFakeOidc(options: { clientId?: string; clientSecret?: string } = {}): Promise<FakeOidc> {
  const clientId = options.clientId ?? "allot-test";
  const clientSecret = options.clientSecret ?? randomBytes(16).toString("hex");
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = randomBytes(6).toString("hex");
  const codes = new Map<string, PendingCode>();
  let issuer = "";

  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", issuer);
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === "/.well-known/openid-configuration") {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        code_challenge_methods_supported: ["S256"],
      });
    }
    if (url.pathname === "/jwks") return json(200, { keys: [{ ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" }] });
    if (url.pathname === "/authorize" && request.method === "GET") {
      if (url.searchParams.get("client_id") !== clientId) return json(400, { error: "unauthorized_client" });
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return response.end(loginPage(url.searchParams));
    }
    if (url.pathname === "/authorize" && request.method === "POST") {
      const form = await formBody(request);
      const code = randomBytes(16).toString("hex");
      const sub = form.get("sub")!;
      codes.set(code, {
        redirectUri: form.get("redirect_uri")!,
        codeChallenge: form.get("code_challenge"),
        nonce: form.get("nonce"),
        claims: { sub, email: form.get("email")!, email_verified: form.get("email_verified") === "true", name: form.get("name") || sub },
      });
      const target = new URL(form.get("redirect_uri")!);
      target.searchParams.set("code", code);
      if (form.get("state")) target.searchParams.set("state", form.get("state")!);
      response.writeHead(302, { location: target.toString() });
      return response.end();
    }
    if (url.pathname === "/token" && request.method === "POST") {
      const form = await formBody(request);
      const basic = request.headers.authorization?.startsWith("Basic ")
        ? Buffer.from(request.headers.authorization.slice(6), "base64").toString().split(":").map(decodeURIComponent)
        : [form.get("client_id"), form.get("client_secret")];
      if (basic[0] !== clientId || basic[1] !== clientSecret) return json(401, { error: "invalid_client" });
      const pending = codes.get(form.get("code") ?? "");
      codes.delete(form.get("code") ?? "");
      if (!pending || pending.redirectUri !== form.get("redirect_uri")) return json(400, { error: "invalid_grant" });
      const verifier = form.get("code_verifier");
      if (pending.codeChallenge && (!verifier || base64url(createHash("sha256").update(verifier).digest()) !== pending.codeChallenge)) {
        return json(400, { error: "invalid_grant", error_description: "PKCE verification failed" });
      }
      const now = Math.floor(Date.now() / 1000);
      const idToken = signJwt(privateKey, kid, { iss: issuer, aud: clientId, iat: now, exp: now + 300, ...(pending.nonce ? { nonce: pending.nonce } : {}), ...pending.claims });
      return json(200, { access_token: randomBytes(16).toString("hex"), token_type: "Bearer", expires_in: 300, id_token: idToken });
    }
    json(404, { error: "not_found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { issuer, clientId, clientSecret, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

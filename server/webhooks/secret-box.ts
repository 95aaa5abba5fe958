import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "../env";

/**
 * Signing secrets at rest: AES-256-GCM under a key derived (HKDF-SHA256) from
 * ALLOT_WEBHOOK_SECRETS_KEY, else NEXTAUTH_SECRET (required in production). A database dump alone
 * does not reveal them; changing that key makes stored secrets unreadable, so rotate every
 * endpoint's secret afterwards (docs/webhooks.md). Development without either uses a fixed key.
 */
const DEVELOPMENT_KEY = "allot-development-only-webhook-secrets-key";
const FORMAT = "v1";

let cachedKey: Buffer | undefined;
function key(): Buffer {
  cachedKey ??= Buffer.from(hkdfSync("sha256", env.ALLOT_WEBHOOK_SECRETS_KEY ?? env.NEXTAUTH_SECRET ?? DEVELOPMENT_KEY, "allot", "webhook signing secrets", 32));
  return cachedKey;
}

export function sealSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [FORMAT, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), sealed.toString("base64url")].join(":");
}

export function openSecret(stored: string): string {
  const [format, iv, tag, sealed] = stored.split(":");
  if (format !== FORMAT || !iv || !tag || !sealed) throw new Error("Unreadable webhook secret");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString("utf8");
}

/** A new signing secret: `whsec_` and 32 random bytes. */
export function newSigningSecret(): { secret: string; hint: string } {
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  return { secret, hint: secret.slice(-4) };
}

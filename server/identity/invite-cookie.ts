import { cookies } from "next/headers";
import { basePath } from "../lib/base-path";

/**
 * Carries an invitation link's token through the identity provider's round trip: set by the accept
 * page just before sign-in, read by the sign-in callback, which accepts the invitation for the
 * identity that comes back.
 */
const INVITE_COOKIE = "allot_invite";

export async function rememberInviteToken(token: string): Promise<void> {
  (await cookies()).set(INVITE_COOKIE, token, { httpOnly: true, sameSite: "lax", path: basePath || "/", maxAge: 15 * 60 });
}

export async function pendingInviteToken(): Promise<string | undefined> {
  return (await cookies()).get(INVITE_COOKIE)?.value;
}

export async function forgetInviteToken(): Promise<void> {
  (await cookies()).delete({ name: INVITE_COOKIE, path: basePath || "/" });
}

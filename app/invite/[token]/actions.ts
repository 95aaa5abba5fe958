"use server";

import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { actionError, type ActionResult } from "@/app/_lib/action-result";
import { getDb } from "@/db/client";
import { ACTIVE_ORG_COOKIE } from "@/server/api/context";
import { authOptions } from "@/server/auth/auth-options";
import { rememberInviteToken } from "@/server/identity/invite-cookie";
import { acceptInvite } from "@/server/identity/invites";

/** Before signing in through the host's identity provider: the sign-in callback accepts the invitation. */
export async function prepareInviteSignIn(token: string): Promise<void> {
  await rememberInviteToken(token);
}

/** A person already signed in to Allot (a member elsewhere) accepts with their current account. */
export async function acceptAsSignedIn(token: string, _previous: ActionResult): Promise<ActionResult> {
  const session = await getServerSession(authOptions);
  if (!session?.user.id) return { ok: false, error: "Sign in first." };
  let orgId: string;
  try {
    ({ orgId } = await acceptInvite(getDb(), token, { userId: session.user.id }));
  } catch (error) {
    return actionError(error);
  }
  (await cookies()).set(ACTIVE_ORG_COOKIE, orgId, { httpOnly: true, sameSite: "lax", path: "/" });
  redirect("/");
}

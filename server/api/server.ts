import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { MemberPrincipal } from "../auth/principal";
import { createRequestContext } from "./context";
import { createCaller } from "./root";

/** One context per server render, shared by every component that asks. */
export const getServerContext = cache(async () => createRequestContext(await headers()));

/**
 * The tRPC caller for server components and server actions: same procedures, same checks as over
 * HTTP. Signed-out visitors are sent to the sign-in page (a page renders alongside its layout, so
 * each must be able to redirect on its own).
 */
export async function serverApi() {
  await requireMember();
  return createCaller(await getServerContext());
}

/** The signed-in member, or a redirect to the sign-in page. */
export async function requireMember(): Promise<MemberPrincipal> {
  const { principal } = await getServerContext();
  if (principal?.kind !== "member") redirect("/signin");
  return principal;
}

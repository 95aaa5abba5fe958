"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { ACTIVE_ORG_COOKIE } from "@/server/api/context";
import { serverApi } from "@/server/api/server";

/** Makes another of the member's organisations the one they work in (a cookie the request context reads). */
export async function switchOrganization(formData: FormData): Promise<void> {
  const orgId = String(formData.get("orgId") ?? "");
  const memberships = await (await serverApi()).org.memberships();
  if (memberships.some((m) => m.orgId === orgId)) {
    (await cookies()).set(ACTIVE_ORG_COOKIE, orgId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 365 });
  }
  redirect("/");
}

"use server";

import { redirect } from "next/navigation";
import type { ActionResult } from "@/app/_lib/action-result";
import { mutate } from "@/app/_lib/mutate";

/** A new draft copying the version in force, opened for editing. */
export async function createDraft(): Promise<ActionResult> {
  const result = await mutate((api) => api.pricing.createDraft({}), { revalidate: "/admin/price-book", data: (draft) => draft.id });
  if (!result.ok) return result;
  redirect(`/admin/price-book/${result.data}`);
}

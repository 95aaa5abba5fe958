"use server";

import type { ActionResult } from "@/app/_lib/action-result";
import { textValue } from "@/app/_lib/form-values";
import { mutate } from "@/app/_lib/mutate";

const PATH = "/admin/deliveries";

const OUTCOME = {
  sent: "accepted by the mail service",
  pending: "not accepted yet; it is retried with backoff",
  failed: "refused for good; see its last error",
} as const;

/** Sends a pending or failed message now, whatever its backoff (a sent one is never sent twice). */
export async function resendMessage(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return mutate((api) => api.outbox.resend({ messageId: textValue(formData, "messageId") }), { revalidate: PATH, layout: true });
}

/** A test e-mail to the signed-in administrator's own address, sent at once. */
export async function sendTestEmail(): Promise<ActionResult> {
  const result = await mutate((api) => api.outbox.sendTest(), { revalidate: PATH, layout: true, data: ({ status }) => status });
  if (!result.ok) return result;
  return { ok: true, message: `Test e-mail to you: ${OUTCOME[result.data!]}.` };
}

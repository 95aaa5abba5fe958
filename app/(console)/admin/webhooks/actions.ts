"use server";

import type { ActionResult } from "@/app/_lib/action-result";
import { checkedValues, invalidFields, textValue } from "@/app/_lib/form-values";
import { mutate } from "@/app/_lib/mutate";
import type { WEBHOOK_EVENT_TYPES } from "@/db/schema";

const PATH = "/admin/webhooks";
type SubscribableType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What a created or rotated endpoint shows once: its signing secret. */
export interface RevealedSecret {
  endpointId: string;
  secret: string;
}

const OUTCOME = {
  sent: "the endpoint answered 2xx",
  pending: "the endpoint did not answer 2xx; it is retried with backoff (see the log)",
  failed: "not delivered; see the log",
} as const;

function endpointFields(formData: FormData) {
  const eventTypes = checkedValues(formData, "eventTypes") as SubscribableType[];
  return { url: textValue(formData, "url"), description: textValue(formData, "description"), eventTypes };
}

export async function createEndpoint(_previous: ActionResult<RevealedSecret>, formData: FormData): Promise<ActionResult<RevealedSecret>> {
  const fields = endpointFields(formData);
  if (fields.eventTypes.length === 0) return invalidFields({ eventTypes: "Choose at least one event type" });
  return mutate((api) => api.webhooks.create(fields), {
    revalidate: PATH,
    layout: true,
    data: ({ endpoint, secret }) => ({ endpointId: endpoint.id, secret }),
  });
}

export async function updateEndpoint(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const fields = endpointFields(formData);
  if (fields.eventTypes.length === 0) return invalidFields({ eventTypes: "Choose at least one event type" });
  return mutate((api) => api.webhooks.update({ endpointId: textValue(formData, "endpointId"), ...fields }), {
    revalidate: PATH,
    layout: true,
    message: "Saved.",
  });
}

/** Enable or disable (the form says which): a disabled endpoint gets nothing, queued deliveries included. */
export async function setEndpointEnabled(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const enabled = textValue(formData, "enabled") === "true";
  return mutate((api) => api.webhooks.update({ endpointId: textValue(formData, "endpointId"), enabled }), { revalidate: PATH, layout: true });
}

export async function rotateSecret(_previous: ActionResult<RevealedSecret>, formData: FormData): Promise<ActionResult<RevealedSecret>> {
  const oldSecretValidHours = Number(textValue(formData, "oldSecretValidHours"));
  return mutate((api) => api.webhooks.rotateSecret({ endpointId: textValue(formData, "endpointId"), oldSecretValidHours }), {
    revalidate: PATH,
    layout: true,
    data: ({ endpoint, secret }) => ({ endpointId: endpoint.id, secret }),
  });
}

export async function sendTestEvent(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const result = await mutate((api) => api.webhooks.sendTest({ endpointId: textValue(formData, "endpointId") }), {
    revalidate: PATH,
    layout: true,
    data: ({ status }) => status,
  });
  if (!result.ok) return result;
  return { ok: true, message: `Test event sent: ${OUTCOME[result.data!]}.` };
}

/** Sends a delivery's event again, now, with the same event id (receivers dedupe by it). */
export async function replayDelivery(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const result = await mutate((api) => api.webhooks.replay({ messageId: textValue(formData, "messageId") }), {
    revalidate: PATH,
    layout: true,
    data: ({ status }) => status,
  });
  if (!result.ok) return result;
  return { ok: true, message: `Replayed: ${OUTCOME[result.data!]}.` };
}

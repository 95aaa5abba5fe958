"use server";

import type { ActionResult } from "@/app/_lib/action-result";
import type { ApiKeyScope } from "@/db/schema";
import { checkedValues, invalidFields, optionalId, textValue } from "@/app/_lib/form-values";
import { mutate } from "@/app/_lib/mutate";

const PATH = "/admin/api-keys";

export interface CreatedKey {
  name: string;
  /** The whole key: in this answer only, never stored in clear. */
  token: string;
}

export async function createApiKey(_previous: ActionResult<CreatedKey>, formData: FormData): Promise<ActionResult<CreatedKey>> {
  const scopes = checkedValues(formData, "scopes") as ApiKeyScope[];
  if (scopes.length === 0) return invalidFields({ scopes: "Choose at least one scope" });
  const name = textValue(formData, "name");
  return mutate((api) => api.apiKeys.create({ name, scopes, departmentId: optionalId(formData, "departmentId") }), {
    revalidate: PATH,
    data: ({ token }) => ({ name, token }),
  });
}

export async function revokeApiKey(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return mutate((api) => api.apiKeys.revoke({ id: textValue(formData, "id") }), { revalidate: PATH });
}

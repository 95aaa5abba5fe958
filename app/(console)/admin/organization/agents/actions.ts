"use server";

import type { ActionResult } from "@/app/_lib/action-result";
import { optionalId, textValue } from "@/app/_lib/form-values";
import { mutate } from "@/app/_lib/mutate";

const PATH = "/admin/organization/agents";

export async function createAgent(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return mutate(
    (api) =>
      api.org.createAgent({
        slug: textValue(formData, "slug"),
        name: textValue(formData, "name"),
        departmentId: textValue(formData, "departmentId"),
        projectId: optionalId(formData, "projectId"),
        description: textValue(formData, "description") || undefined,
      }),
    { revalidate: PATH, message: "Agent added." },
  );
}

export async function updateAgentPlacement(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return mutate(
    (api) =>
      api.org.updateAgent({
        id: textValue(formData, "id"),
        departmentId: textValue(formData, "departmentId"),
        projectId: optionalId(formData, "projectId"),
      }),
    { revalidate: PATH, message: "Saved. Usage recorded from now on is attributed to the new department." },
  );
}

export async function setAgentArchived(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return mutate((api) => api.org.updateAgent({ id: textValue(formData, "id"), archived: textValue(formData, "archived") === "true" }), {
    revalidate: PATH,
  });
}

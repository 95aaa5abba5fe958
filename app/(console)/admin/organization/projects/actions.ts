"use server";

import type { ActionResult } from "@/app/_lib/action-result";
import { optionalId, textValue } from "@/app/_lib/form-values";
import { mutate } from "@/app/_lib/mutate";

const PATH = "/admin/organization/projects";

export async function createProject(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return mutate(
    (api) =>
      api.org.createProject({
        slug: textValue(formData, "slug"),
        name: textValue(formData, "name"),
        departmentId: optionalId(formData, "departmentId"),
      }),
    { revalidate: PATH, message: "Project added." },
  );
}

export async function setProjectArchived(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return mutate((api) => api.org.updateProject({ id: textValue(formData, "id"), archived: textValue(formData, "archived") === "true" }), {
    revalidate: PATH,
  });
}

"use server";

import type { ActionResult } from "@/app/_lib/action-result";
import { textValue } from "@/app/_lib/form-values";
import { mutate } from "@/app/_lib/mutate";

const PATH = "/admin/organization/departments";

export async function createDepartment(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return mutate((api) => api.org.createDepartment({ slug: textValue(formData, "slug"), name: textValue(formData, "name") }), {
    revalidate: PATH,
    message: "Department added.",
  });
}

export async function renameDepartment(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return mutate((api) => api.org.updateDepartment({ id: textValue(formData, "id"), name: textValue(formData, "name") }), {
    revalidate: PATH,
    message: "Renamed.",
  });
}

export async function setDepartmentArchived(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return mutate((api) => api.org.updateDepartment({ id: textValue(formData, "id"), archived: textValue(formData, "archived") === "true" }), {
    revalidate: PATH,
  });
}

import type { ActionResult } from "@/app/_lib/action-result";

/** A text field's trimmed value, "" when absent. */
export const textValue = (formData: FormData, name: string) => String(formData.get(name) ?? "").trim();

/** A select whose empty option means "none". */
export const optionalId = (formData: FormData, name: string) => textValue(formData, name) || null;

/** Every checked value of a group of checkboxes sharing `name`. */
export const checkedValues = (formData: FormData, name: string) => formData.getAll(name).map(String).filter(Boolean);

export function invalidFields(fieldErrors: Record<string, string>): ActionResult<never> {
  return { ok: false, error: "Some fields need attention.", fieldErrors };
}

/**
 * Moves field errors from a procedure's input paths to the names of the form's fields, where the
 * form shows a different quantity (credits typed by a person) than the procedure takes (micro-credits).
 */
export function renameFieldErrors<T>(result: ActionResult<T>, names: Record<string, string>): ActionResult<T> {
  if (result.ok || !result.fieldErrors) return result;
  const fieldErrors = Object.fromEntries(Object.entries(result.fieldErrors).map(([path, message]) => [names[path] ?? path, message]));
  return { ...result, fieldErrors };
}

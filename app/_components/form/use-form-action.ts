"use client";

import { useActionState } from "react";
import { initialActionResult, type ActionResult } from "@/app/_lib/action-result";

export type FormAction<T = undefined> = (previous: ActionResult<T>, formData: FormData) => Promise<ActionResult<T>>;

/** What `field` gives an input to spread: its name, the value it starts with, and its error. */
export interface FormFieldProps {
  name: string;
  defaultValue: string;
  error: string | undefined;
}

interface FormState<T> {
  result: ActionResult<T>;
  /** What was submitted when it was refused; React resets a form after its action, so refused input is put back. */
  refused?: FormData;
  submissions: number;
}

/**
 * A server action bound to a form: its last result, the error for each field, and the values to
 * show — the refused submission's when there is one, else the given defaults.
 */
export function useFormAction<T = undefined>(action: FormAction<T>, onSuccess?: (result: ActionResult<T>) => void) {
  const [state, formAction] = useActionState<FormState<T>, FormData>(
    async (previous, formData) => {
      const result = await action(previous.result, formData);
      if (result.ok) onSuccess?.(result);
      return { result, refused: result.ok ? undefined : formData, submissions: previous.submissions + 1 };
    },
    { result: initialActionResult, submissions: 0 },
  );
  const { result, refused } = state;
  const error = (name: string) => (result.ok ? undefined : result.fieldErrors?.[name]);
  const value = (name: string, fallback = "") => (refused ? String(refused.get(name) ?? "") : fallback);
  return {
    result,
    formAction,
    /**
     * A key for parts of the form with their own state (what a select shows or hides): React resets
     * the inputs after every submission, so those parts restart from the same values as the inputs.
     */
    resetKey: state.submissions,
    /** The pieces of `field`, for inputs it does not fit: selects with their own state, custom fields. */
    error,
    value,
    /** Whether a checkbox or radio with this value is checked: as refused, else `fallback`. */
    checked: (name: string, option: string, fallback: boolean) => (refused ? refused.getAll(name).includes(option) : fallback),
    /**
     * The props an uncontrolled Field, SelectField or TextAreaField takes from the form, to spread:
     * `<Field label="Tax rate (%)" {...form.field("taxRate", defaults.taxRate)} />` — its name, what
     * it shows (the refused submission's value, else `fallback`) and its error.
     */
    field: (name: string, fallback = ""): FormFieldProps => ({ name, defaultValue: value(name, fallback), error: error(name) }),
  };
}

import type { useFormAction } from "@/app/_components/form/use-form-action";

/** What the budget form's parts need from their form's useFormAction: values to show, errors, and the reset key. */
export type BudgetFormHelpers = Pick<ReturnType<typeof useFormAction<unknown>>, "field" | "value" | "error" | "checked" | "resetKey">;

export interface Option {
  value: string;
  label: string;
}

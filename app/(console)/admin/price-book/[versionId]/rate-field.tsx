import { Field } from "@/app/_components/form/field";

/** A rate typed in credits, kept exactly to the micro-credit. */
export function RateField({
  label,
  name,
  hint,
  optional,
  defaultValue,
  error,
}: {
  label: string;
  name: string;
  hint?: string;
  optional?: boolean;
  defaultValue: string;
  error?: string;
}) {
  return (
    <Field
      label={label}
      name={name}
      required={!optional}
      inputMode="decimal"
      autoComplete="off"
      defaultValue={defaultValue}
      hint={hint ?? "Up to 6 decimal places."}
      error={error}
    />
  );
}

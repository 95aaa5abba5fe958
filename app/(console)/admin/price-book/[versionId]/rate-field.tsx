import { Field } from "@/app/_components/form/field";

/** A rate typed in credits, kept exactly to the micro-credit. */
export function RateField({
  label,
  name,
  hint,
  optional,
  value,
  error,
}: {
  label: string;
  name: string;
  hint?: string;
  optional?: boolean;
  value: string;
  error?: string;
}) {
  return (
    <Field
      label={label}
      name={name}
      required={!optional}
      inputMode="decimal"
      autoComplete="off"
      defaultValue={value}
      hint={hint ?? "Up to 6 decimal places."}
      error={error}
    />
  );
}

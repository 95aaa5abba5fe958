import { Field } from "@/app/_components/form/field";
import type { FormFieldProps } from "@/app/_components/form/use-form-action";

/** The slug (how sibling apps name a thing in usage) and the display name, in every create form. */
export function SlugNameFields({ field, noun }: { field: (name: string) => FormFieldProps; noun: string }) {
  return (
    <>
      <Field
        label="Slug"
        {...field("slug")}
        required
        maxLength={63}
        autoComplete="off"
        hint={`How sibling apps name this ${noun} when they record usage: lower-case letters, digits, . _ - (cannot change later).`}
      />
      <Field label="Name" {...field("name")} required maxLength={100} />
    </>
  );
}

import { Field } from "@/app/_components/form/field";

/** The slug (how sibling apps name a thing in usage) and the display name, in every create form. */
export function SlugNameFields({ error, value, noun }: { error: (name: string) => string | undefined; value: (name: string) => string; noun: string }) {
  return (
    <>
      <Field
        label="Slug"
        name="slug"
        required
        maxLength={63}
        autoComplete="off"
        defaultValue={value("slug")}
        hint={`How sibling apps name this ${noun} when they record usage: lower-case letters, digits, . _ - (cannot change later).`}
        error={error("slug")}
      />
      <Field label="Name" name="name" required maxLength={100} defaultValue={value("name")} error={error("name")} />
    </>
  );
}

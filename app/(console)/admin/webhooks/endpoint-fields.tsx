import { Field } from "@/app/_components/form/field";
import type { useFormAction } from "@/app/_components/form/use-form-action";
import { CheckboxGroup } from "../_components/checkbox-group";
import { eventTypeOptions } from "./event-types";

type Form = Pick<ReturnType<typeof useFormAction<never>>, "field" | "checked" | "error">;

/** URL, description and subscribed events: the same fields to create and to edit an endpoint. */
export function EndpointFields({ form, current }: { form: Form; current?: { url: string; description: string; eventTypes: string[] } }) {
  return (
    <>
      <Field
        label="Endpoint URL"
        {...form.field("url", current?.url)}
        type="url"
        required
        maxLength={2000}
        autoComplete="off"
        placeholder="https://host.example.com/hooks/allot"
        hint="http:// or https://. Addresses on your own network are allowed: Allot and your apps usually share one."
      />
      <Field
        label="Description (optional)"
        {...form.field("description", current?.description)}
        maxLength={200}
      />
      <CheckboxGroup
        legend="Events to send"
        name="eventTypes"
        options={eventTypeOptions()}
        checked={(type) => form.checked("eventTypes", type, current ? current.eventTypes.includes(type) : true)}
        error={form.error("eventTypes")}
      />
    </>
  );
}

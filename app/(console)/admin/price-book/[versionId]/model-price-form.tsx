"use client";

import { Field } from "@/app/_components/form/field";
import { FormFooter } from "@/app/_components/form/form-footer";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { setModelPrice } from "./actions";
import { RateField } from "./rate-field";

/** A model's rates as decimal credits per 1M tokens ("" for an optional rate that follows the input rate). */
export interface ModelPriceDefaults {
  model: string;
  provider: string;
  mode: string;
  input: string;
  output: string;
  cachedInput: string;
  cacheWrite: string;
}

const EMPTY: ModelPriceDefaults = { model: "", provider: "", mode: "chat", input: "", output: "", cachedInput: "", cacheWrite: "" };

/** Adds a model to a draft, or (given `current`) changes its rates; the model name is then fixed. */
export function ModelPriceForm({ versionId, current }: { versionId: string; current?: ModelPriceDefaults }) {
  const form = useFormAction(setModelPrice);
  const defaults = current ?? EMPTY;
  const field = (name: keyof ModelPriceDefaults) => form.field(name, defaults[name]);
  return (
    <form action={form.formAction} className="grid max-w-3xl gap-4 sm:grid-cols-3">
      <input type="hidden" name="versionId" value={versionId} />
      {current ? (
        <input type="hidden" name="model" value={current.model} />
      ) : (
        <Field label="Model" {...field("model")} required maxLength={200} autoComplete="off" hint="As sibling apps send it, e.g. gpt-4o." />
      )}
      <Field label="Provider" {...field("provider")} maxLength={100} autoComplete="off" />
      <Field label="Mode" {...field("mode")} maxLength={50} autoComplete="off" hint="chat, embedding, completion …" />
      <RateField label="Input (credits per 1M tokens)" {...field("input")} />
      <RateField label="Output (credits per 1M tokens)" {...field("output")} />
      <RateField label="Cached input (credits per 1M tokens)" {...field("cachedInput")} optional hint="Empty: billed at the input rate." />
      <RateField label="Cache write (credits per 1M tokens)" {...field("cacheWrite")} optional hint="Empty: billed at the input rate." />
      <FormFooter submitLabel={current ? `Save ${current.model}` : "Add model"} pendingLabel="Saving…" result={form.result} />
    </form>
  );
}

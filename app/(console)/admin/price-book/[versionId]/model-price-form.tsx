"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { Field } from "@/app/_components/form/field";
import { SubmitButton } from "@/app/_components/form/submit-button";
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
  const value = (name: keyof ModelPriceDefaults) => form.value(name, defaults[name]);
  return (
    <form action={form.formAction} className="grid max-w-3xl gap-4 sm:grid-cols-3">
      <input type="hidden" name="versionId" value={versionId} />
      {current ? (
        <input type="hidden" name="model" value={current.model} />
      ) : (
        <Field label="Model" name="model" required maxLength={200} autoComplete="off" defaultValue={value("model")} hint="As sibling apps send it, e.g. gpt-4o." error={form.error("model")} />
      )}
      <Field label="Provider" name="provider" maxLength={100} autoComplete="off" defaultValue={value("provider")} error={form.error("provider")} />
      <Field label="Mode" name="mode" maxLength={50} autoComplete="off" defaultValue={value("mode")} hint="chat, embedding, completion …" error={form.error("mode")} />
      <RateField label="Input (credits per 1M tokens)" name="input" value={value("input")} error={form.error("input")} />
      <RateField label="Output (credits per 1M tokens)" name="output" value={value("output")} error={form.error("output")} />
      <RateField label="Cached input (credits per 1M tokens)" name="cachedInput" optional value={value("cachedInput")} hint="Empty: billed at the input rate." error={form.error("cachedInput")} />
      <RateField label="Cache write (credits per 1M tokens)" name="cacheWrite" optional value={value("cacheWrite")} hint="Empty: billed at the input rate." error={form.error("cacheWrite")} />
      <div className="flex flex-wrap items-center gap-4 sm:col-span-3">
        <SubmitButton pendingLabel="Saving…">{current ? `Save ${current.model}` : "Add model"}</SubmitButton>
        <ActionMessage result={form.result} />
      </div>
    </form>
  );
}

"use client";

import { useState } from "react";
import { ActionMessage } from "@/app/_components/form/action-message";
import { Field } from "@/app/_components/form/field";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { useFormAction, type FormAction } from "@/app/_components/form/use-form-action";
import { secondaryButton } from "../../admin/_components/button-styles";

interface ConfirmFormProps {
  action: FormAction;
  /** Hidden fields naming what the action applies to. */
  fields: Record<string, string>;
  /** The button that opens the form, and the one that confirms it. */
  label: string;
  question: string;
  pendingLabel: string;
  variant: "primary" | "danger";
  /** The one optional line of text that goes with it (a reason, a payment reference). */
  note: { name: string; label: string; hint: string; maxLength: number };
  /** The safe choice, which closes the form. */
  dismissLabel: string;
}

/**
 * An action with consequences (cancel a purchase, mark an invoice paid): a button that opens a
 * small form asking the question, with an optional note; focus lands on the safe choice.
 */
export function ConfirmForm({ action, fields, label, question, pendingLabel, variant, note, dismissLabel }: ConfirmFormProps) {
  const [asking, setAsking] = useState(false);
  const form = useFormAction(action, () => setAsking(false));
  if (!asking) {
    return (
      <span className="inline-flex flex-wrap items-center gap-2">
        <button type="button" onClick={() => setAsking(true)} className={secondaryButton}>
          {label}…
        </button>
        <ActionMessage result={form.result} />
      </span>
    );
  }
  return (
    <form action={form.formAction} className="w-full max-w-md space-y-3 rounded-lg border border-gray-300 bg-white p-4 dark:border-gray-700 dark:bg-gray-900">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <p className="text-sm font-medium">{question}</p>
      <Field label={note.label} {...form.field(note.name)} maxLength={note.maxLength} hint={note.hint} autoComplete="off" />
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant={variant} pendingLabel={pendingLabel}>
          {label}
        </SubmitButton>
        <button type="button" autoFocus onClick={() => setAsking(false)} className={secondaryButton}>
          {dismissLabel}
        </button>
      </div>
      <ActionMessage result={form.result} />
    </form>
  );
}

"use client";

import { useState } from "react";
import { ActionMessage } from "@/app/_components/form/action-message";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { secondaryButton } from "./button-styles";
import { useFormAction, type FormAction } from "@/app/_components/form/use-form-action";

interface ActionButtonProps {
  action: FormAction;
  /** Hidden fields naming what the action applies to. */
  fields: Record<string, string>;
  label: string;
  /** What the button acts on, read after the label by screen readers ("Archive" … "Marketing"). */
  subject?: string;
  pendingLabel?: string;
  /** For destructive actions: the question asked before the action runs. */
  confirm?: { question: string; confirmLabel: string };
}

/** A one-button form (archive, revoke, remove …), asking first when the action is destructive. */
export function ActionButton({ action, fields, label, subject, pendingLabel, confirm }: ActionButtonProps) {
  const [asking, setAsking] = useState(false);
  const form = useFormAction(action, () => setAsking(false));
  const name = (
    <>
      {label}
      {subject && <span className="sr-only"> {subject}</span>}
    </>
  );
  return (
    <form action={form.formAction} className="inline-flex flex-wrap items-center justify-end gap-2">
      {Object.entries(fields).map(([field, value]) => (
        <input key={field} type="hidden" name={field} value={value} />
      ))}
      {!confirm && (
        <SubmitButton variant="secondary" pendingLabel={pendingLabel}>
          {name}
        </SubmitButton>
      )}
      {confirm && !asking && (
        <button type="button" onClick={() => setAsking(true)} className={secondaryButton}>
          {name}
        </button>
      )}
      {confirm && asking && (
        <>
          <span className="text-sm">{confirm.question}</span>
          <SubmitButton variant="danger" pendingLabel={pendingLabel}>
            {confirm.confirmLabel}
          </SubmitButton>
          {/* Focus lands on the safe choice, so a stray Enter does not confirm. */}
          <button type="button" autoFocus onClick={() => setAsking(false)} className={secondaryButton}>
            Cancel
          </button>
        </>
      )}
      {!form.result.ok && <ActionMessage result={form.result} />}
    </form>
  );
}

"use client";

import { useState } from "react";
import { Field } from "@/app/_components/form/field";
import { FormFooter } from "@/app/_components/form/form-footer";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { publishVersion } from "./actions";

interface TimingProps {
  initial: string;
  effectiveAt: string;
  error?: string;
  timeZone: string;
  earliest: string;
}

/** Publish now or at a future time (typed in the organisation's time zone). */
export function PublishForm({ versionId, timeZone, earliest }: { versionId: string; timeZone: string; earliest: string }) {
  const form = useFormAction(publishVersion);
  return (
    <form action={form.formAction} className="space-y-4">
      <input type="hidden" name="versionId" value={versionId} />
      <Timing
        key={form.resetKey}
        initial={form.value("when", "now")}
        effectiveAt={form.value("effectiveAt")}
        error={form.error("effectiveAt")}
        timeZone={timeZone}
        earliest={earliest}
      />
      <FormFooter submitLabel="Publish" pendingLabel="Publishing…" result={form.result} />
    </form>
  );
}

function Timing({ initial, effectiveAt, error, timeZone, earliest }: TimingProps) {
  const [when, setWhen] = useState(initial);
  return (
    <>
      <fieldset>
        <legend className="text-sm font-medium">Takes effect</legend>
        <div className="mt-2 flex flex-wrap gap-6 text-sm">
          {[
            { value: "now", label: "Now" },
            { value: "later", label: "At a later date and time" },
          ].map((option) => (
            <label key={option.value} className="flex items-center gap-2">
              <input type="radio" name="when" value={option.value} defaultChecked={initial === option.value} onChange={() => setWhen(option.value)} />
              {option.label}
            </label>
          ))}
        </div>
      </fieldset>
      {when === "later" && (
        <Field
          label="Effective from"
          name="effectiveAt"
          type="datetime-local"
          required
          min={earliest}
          defaultValue={effectiveAt}
          hint={`In the organisation's time zone, ${timeZone}.`}
          error={error}
          className="max-w-xs"
        />
      )}
    </>
  );
}

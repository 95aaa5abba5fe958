"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { withBasePath } from "@/server/lib/base-path";
import { Field, TextAreaField } from "@/app/_components/form/field";
import { FormFooter } from "@/app/_components/form/form-footer";
import type { ActionResult } from "@/app/_lib/action-result";
import { useFormAction } from "@/app/_components/form/use-form-action";
import type { ImportSummary } from "./import-summary";
import { ImportResult } from "./import-result";

/** Posts to the import route handler (a price map is too large for a server action) and reads its ActionResult. */
async function importPriceMap(_previous: ActionResult<ImportSummary>, formData: FormData): Promise<ActionResult<ImportSummary>> {
  try {
    const response = await fetch(withBasePath("/admin/price-book/import"), { method: "POST", body: formData });
    return (await response.json()) as ActionResult<ImportSummary>;
  } catch {
    return { ok: false, error: "The import could not reach the server. Check the connection and try again." };
  }
}

const formatFileSize = (bytes: number) => (bytes < 1_000_000 ? `${Math.ceil(bytes / 1_000)} kB` : `${(bytes / 1_000_000).toFixed(1)} MB`);

export function ImportForm({ creditValueUsd }: { creditValueUsd: string }) {
  const router = useRouter();
  const [loaded, setLoaded] = useState<string>();
  const form = useFormAction(importPriceMap, () => {
    // The form is cleared, and the versions list on this page gains the new draft.
    setLoaded(undefined);
    router.refresh();
  });
  const readFile = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    const textarea = input.form?.elements.namedItem("json");
    if (!file || !(textarea instanceof HTMLTextAreaElement)) return;
    textarea.value = await file.text();
    setLoaded(`${file.name} (${formatFileSize(file.size)}) loaded below.`);
  };
  return (
    <div className="space-y-6">
      {form.result.ok && form.result.data && <ImportResult summary={form.result.data} />}
      <form action={form.formAction} className="grid max-w-3xl gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <label htmlFor="litellm-file" className="block text-sm font-medium">
            Price map file (optional)
          </label>
          <input
            id="litellm-file"
            type="file"
            accept=".json,application/json"
            onChange={(event) => void readFile(event)}
            aria-describedby="litellm-file-status"
            className="mt-1 block text-sm file:mr-3 file:rounded-md file:border file:border-gray-300 file:bg-white file:px-3 file:py-1.5 file:text-sm dark:file:border-gray-700 dark:file:bg-gray-900 dark:file:text-gray-100"
          />
          <p id="litellm-file-status" aria-live="polite" className="mt-1 text-xs text-gray-500">
            {loaded ?? "Read in the browser into the box below; nothing is uploaded until you import."}
          </p>
        </div>
        <TextAreaField
          label="LiteLLM price map (JSON)"
          {...form.field("json")}
          required
          rows={8}
          spellCheck={false}
          hint="The contents of LiteLLM's model_prices_and_context_window.json, pasted or read from the file above."
          className="sm:col-span-2"
        />
        <Field
          label="Credit value (USD per credit)"
          {...form.field("creditValueUsd", creditValueUsd)}
          required
          inputMode="decimal"
          hint="What one credit is worth in US dollars, e.g. 0.01."
        />
        <Field
          label="Markup (%)"
          {...form.field("markupPercent", "0")}
          required
          inputMode="decimal"
          hint="Added to the providers' list prices, e.g. 20."
        />
        <Field label="Note (optional)" {...form.field("note")} maxLength={500} className="sm:col-span-2" />
        <FormFooter submitLabel="Import as a new draft" pendingLabel="Importing…" result={form.result} />
      </form>
    </div>
  );
}

"use client";

import { useId, useState } from "react";
import { secondaryButton } from "./button-styles";

interface OneTimeSecretProps {
  title: string;
  /** Why it is shown only now (what Allot keeps of it). */
  explanation: React.ReactNode;
  label: string;
  value: string;
}

/** A secret shown once, right after it was made, with a Copy button (API keys, webhook signing secrets). */
export function OneTimeSecret({ title, explanation, label, value }: OneTimeSecretProps) {
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "failed" | undefined>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950">
      <p className="font-medium text-amber-900 dark:text-amber-100">{title}</p>
      <p className="mt-1 text-sm text-amber-900 dark:text-amber-100">{explanation}</p>
      <label htmlFor={id} className="mt-3 block text-sm font-medium text-amber-900 dark:text-amber-100">
        {label}
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          className="block w-full rounded-md border border-amber-300 bg-white px-3 py-2 font-mono text-sm dark:border-amber-800 dark:bg-gray-900"
        />
        <button type="button" onClick={() => void copy()} className={secondaryButton}>
          Copy
        </button>
      </div>
      <p aria-live="polite" className="mt-1 min-h-4 text-xs text-amber-900 dark:text-amber-100">
        {copied === "yes" && "Copied to the clipboard."}
        {copied === "failed" && "The browser refused to copy; select it and press Ctrl+C (⌘C)."}
      </p>
    </div>
  );
}

"use client";

import { useId, useState } from "react";
import { secondaryButton } from "../../../admin/_components/button-styles";
import type { BudgetFormHelpers } from "./form-helpers";

const MAX_THRESHOLDS = 10;

/**
 * The alert thresholds as an editable list of percentages. The list travels as one hidden field
 * ("50,75,90,100"): a refused submission can then be shown again as it was typed.
 */
export function ThresholdsField({ form, initial }: { form: BudgetFormHelpers; initial: number[] }) {
  const id = useId();
  const [values, setValues] = useState<string[]>(() => form.value("thresholds", initial.join(",")).split(","));
  // Focus follows "Add threshold" to the new, empty box.
  const [added, setAdded] = useState(false);
  const error = form.error("thresholds");
  const set = (index: number, value: string) => setValues(values.map((old, i) => (i === index ? value : old)));
  return (
    <fieldset aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`} aria-invalid={error ? true : undefined}>
      <legend className="text-sm font-medium">Alert thresholds</legend>
      <p id={`${id}-hint`} className="mt-1 text-xs text-gray-500">
        Percentages of the limit (1–100). Each raises one alert per period, with an e-mail, when spend reaches it.
      </p>
      <input type="hidden" name="thresholds" value={values.join(",")} />
      <ul className="mt-2 flex flex-wrap gap-3">
        {values.map((value, index) => (
          <li key={index} className="flex items-center gap-1">
            <label className="sr-only" htmlFor={`${id}-${index}`}>
              Threshold {index + 1} (%)
            </label>
            <input
              id={`${id}-${index}`}
              inputMode="numeric"
              value={value}
              autoFocus={added && index === values.length - 1}
              onChange={(event) => set(index, event.target.value)}
              className="w-20 rounded-md border border-gray-300 bg-white px-2 py-1.5 text-right text-sm shadow-sm focus:border-blue-500 focus:ring-1 focus:ring-blue-500 focus:outline-none dark:border-gray-700 dark:bg-gray-900"
            />
            <span className="text-sm text-gray-500">%</span>
            {values.length > 1 && (
              <button
                type="button"
                onClick={() => setValues(values.filter((_, i) => i !== index))}
                className="rounded px-1.5 text-lg leading-none text-gray-500 hover:bg-gray-100 hover:text-red-700 dark:hover:bg-gray-800"
              >
                <span aria-hidden>×</span>
                <span className="sr-only">Remove threshold {index + 1}</span>
              </button>
            )}
          </li>
        ))}
        {values.length < MAX_THRESHOLDS && (
          <li>
            <button type="button" onClick={() => {
                setValues([...values, ""]);
                setAdded(true);
              }} className={secondaryButton}>
              Add threshold
            </button>
          </li>
        )}
      </ul>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}

"use client";

import { useState } from "react";
import { ActionMessage } from "@/app/_components/form/action-message";
import { Field, SelectField } from "@/app/_components/form/field";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { formatCredits, formatCreditsAsMoney, formatExactMicros, formatInteger, formatQuantity } from "@/app/_lib/format";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { estimateCost, type Estimate } from "./actions";
import type { CreditPrice } from "./rate-cell";

export interface EstimateChoice {
  /** "model:<name>" or "operation:<name>". */
  value: string;
  label: string;
  /** The operation's unit ("run", "GB-day"); absent for models. */
  unit?: string;
}

const TOKEN_FIELDS = [
  { name: "inputTokens", label: "Input tokens" },
  { name: "outputTokens", label: "Output tokens" },
  { name: "cachedInputTokens", label: "Cached input tokens" },
  { name: "cacheWriteTokens", label: "Cache-write tokens" },
] as const;

const COMPONENT_LABELS: Record<string, string> = {
  input: "Input",
  output: "Output",
  cached_input: "Cached input",
  cache_write: "Cache write",
  quantity: "Quantity",
};

/** What an action would cost, with pricing.estimate's arithmetic line by line. */
export function EstimateForm({ choices, price }: { choices: EstimateChoice[]; price: CreditPrice }) {
  const form = useFormAction(estimateCost);
  const result = form.result;
  // Controlled, so the numbers stay in place between estimates.
  const [values, setValues] = useState<Record<string, string>>({
    item: choices[0]?.value ?? "",
    inputTokens: "1000",
    outputTokens: "500",
    cachedInputTokens: "",
    cacheWriteTokens: "",
    quantity: "1",
  });
  const bind = (name: string) => ({
    name,
    value: values[name] ?? "",
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValues({ ...values, [name]: event.target.value }),
    error: form.error(name),
  });
  const choice = choices.find((c) => c.value === values.item);
  const isOperation = choice?.value.startsWith("operation:") ?? false;

  return (
    // A fresh <form> per answer: React resets a submitted form, which would put the select back to its first option.
    <form key={form.resetKey} action={form.formAction} className="space-y-4">
      <SelectField label="Model or operation" options={choices} {...bind("item")} />
      {isOperation ? (
        <Field label={`Quantity (${choice?.unit ?? "units"})`} inputMode="decimal" hint="Up to 6 decimal places" {...bind("quantity")} />
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          {TOKEN_FIELDS.map((field) => (
            <Field key={field.name} label={field.label} type="number" min={0} step={1} inputMode="numeric" {...bind(field.name)} />
          ))}
        </div>
      )}
      <SubmitButton pendingLabel="Estimating…">Estimate</SubmitButton>
      <ActionMessage result={result} />
      {result.ok && result.data && <Breakdown estimate={result.data} unit={choice?.unit} price={price} />}
    </form>
  );
}

function Breakdown({ estimate, unit, price }: { estimate: Estimate; unit?: string; price: CreditPrice }) {
  const lines = estimate.lines.filter((line) => line.units > 0);
  return (
    <div role="status" className="rounded-lg border border-gray-200 p-4 text-sm dark:border-gray-800">
      <table className="w-full">
        <caption className="sr-only">How the estimate is calculated</caption>
        <tbody>
          {lines.map((line) => (
            <tr key={line.component}>
              <th scope="row" className="py-1 pr-3 text-left font-normal text-gray-500 dark:text-gray-400">
                {COMPONENT_LABELS[line.component] ?? line.component}
              </th>
              <td className="py-1 pr-3 tabular-nums">
                {line.component === "quantity"
                  ? `${formatQuantity(line.units)} ${unit ?? "units"} × ${formatCredits(line.rateMicros)} credits`
                  : `${formatInteger(line.units)} tokens × ${formatCredits(line.rateMicros)} credits / 1M`}
              </td>
              <td className="py-1 text-right tabular-nums">{formatExactMicros(line.exactMicros)} credits</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t border-gray-200 font-medium dark:border-gray-800">
            <th scope="row" className="pt-2 pr-3 text-left">
              Total
            </th>
            <td className="pt-2 pr-3 text-xs font-normal text-gray-500 dark:text-gray-400">rounded up to a whole micro-credit</td>
            <td className="pt-2 text-right tabular-nums" data-testid="estimate-total">
              {formatCredits(estimate.costMicros)} credits
              <span className="block text-xs font-normal text-gray-500 dark:text-gray-400">
                {formatCreditsAsMoney(estimate.costMicros, price.creditPriceMinorPerMillion, price.currency)}
              </span>
            </td>
          </tr>
        </tfoot>
      </table>
      <p className="mt-2 text-xs text-gray-500 dark:text-gray-400">
        Price version {estimate.priceVersion}, rate of {estimate.pricedAs}.
      </p>
    </div>
  );
}

"use client";

import { useState } from "react";
import { Field, TextAreaField } from "@/app/_components/form/field";
import { FormFooter } from "@/app/_components/form/form-footer";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { createPurchase } from "../actions";
import type { AmountBasis } from "../_lib/read-purchase-amount";
import { QuotePanel } from "./quote-panel";
import { useLiveQuote } from "./use-live-quote";

interface BuyCreditsFormProps {
  /** One per page load: a resubmission of this form is the same purchase. */
  idempotencyKey: string;
  currency: string;
  /** "$0.0100". */
  listPrice: string;
  /** "10 %", or null when annual prepay earns nothing. */
  annualDiscount: string | null;
}

const inputClass = "size-4 border-gray-300 dark:border-gray-700";

/** Credits or money in; the quote beside it follows what is typed. */
export function BuyCreditsForm({ idempotencyKey, currency, listPrice, annualDiscount }: BuyCreditsFormProps) {
  const form = useFormAction(createPurchase);
  // Controlled: the quote follows every change, and a refused submission keeps what was typed.
  const [values, setValues] = useState({ by: "credits" as AmountBasis, amount: "", annual: false, note: "" });
  const live = useLiveQuote(values);
  const quote = live.result?.ok ? live.result.data : live.previous;
  // An answer about what is typed now wins over the last submission's.
  const amountError = live.result ? (live.result.ok ? undefined : (live.result.fieldErrors?.amount ?? live.result.error)) : form.error("amount");
  const needsApproval = (quote?.approval.approvers ?? 0) > 0;

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      {/* A fresh <form> per answer: React resets a submitted form, and the values live in state. */}
      <form key={form.resetKey} action={form.formAction} className="space-y-4 rounded-lg border border-gray-200 bg-white p-5 dark:border-gray-800 dark:bg-gray-900" aria-labelledby="buy-heading">
        <h2 id="buy-heading" className="text-lg font-medium">
          What to buy
        </h2>
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <fieldset>
          <legend className="text-sm font-medium">Buy by</legend>
          <div className="mt-2 flex flex-wrap gap-6 text-sm">
            {(
              [
                { value: "credits", label: "Number of credits" },
                { value: "money", label: `Amount of money (${currency})` },
              ] as const
            ).map((option) => (
              <label key={option.value} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="by"
                  value={option.value}
                  checked={values.by === option.value}
                  onChange={() => setValues({ ...values, by: option.value })}
                  className={inputClass}
                />
                {option.label}
              </label>
            ))}
          </div>
        </fieldset>
        <Field
          label={values.by === "money" ? `Amount (${currency})` : "Credits"}
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          required
          value={values.amount}
          onChange={(event) => setValues({ ...values, amount: event.target.value })}
          error={amountError}
          hint={values.by === "money" ? "Tax included; you get the most whole credits it buys." : `List price ${listPrice} a credit; larger purchases pay less for the credits beyond each volume tier.`}
        />
        {annualDiscount && (
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="annual"
              checked={values.annual}
              onChange={(event) => setValues({ ...values, annual: event.target.checked })}
              className={`mt-0.5 rounded ${inputClass}`}
            />
            <span>
              <span className="font-medium">Annual prepay: {annualDiscount} off</span>
              <span className="block text-gray-500 dark:text-gray-400">The credits expire 12 months after they are granted.</span>
            </span>
          </label>
        )}
        <TextAreaField
          label="Note for finance (optional)"
          name="note"
          rows={3}
          maxLength={500}
          value={values.note}
          onChange={(event) => setValues({ ...values, note: event.target.value })}
          error={form.error("note")}
          hint="Why the credits are needed; approvers see it in their inbox."
        />
        <FormFooter submitLabel={needsApproval ? "Send for approval" : "Buy credits"} pendingLabel={needsApproval ? "Sending…" : "Buying…"} result={form.result} />
      </form>

      <section aria-labelledby="quote-heading" className="rounded-lg border border-gray-200 bg-white p-5 dark:border-gray-800 dark:bg-gray-900">
        <div className="flex items-baseline justify-between gap-4">
          <h2 id="quote-heading" className="text-lg font-medium">
            Quote
          </h2>
          <span role="status" className="text-xs text-gray-500 dark:text-gray-400">
            {live.pending ? "Updating…" : ""}
          </span>
        </div>
        <div aria-live="polite" aria-busy={live.pending} className="mt-3">
          {quote ? (
            <QuotePanel quote={quote} stale={live.pending || live.result?.ok === false} />
          ) : (
            <p className="text-sm text-gray-500 dark:text-gray-400">Type how many credits, or how much money, and the quote appears here as you type.</p>
          )}
        </div>
      </section>
    </div>
  );
}

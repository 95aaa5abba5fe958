"use client";

import { useState } from "react";
import { ActionMessage } from "@/app/_components/form/action-message";
import { Field } from "@/app/_components/form/field";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { secondaryButton } from "../_components/button-styles";
import { saveVolumeTiers } from "./actions";

interface TierText {
  from: string;
  price: string;
}

/**
 * Graduated tiers as editable rows: from how many credits into a purchase, what each further credit
 * costs. Rows are numbered by a counter, not their position, so an error stays with its row when
 * another is removed.
 */
export function VolumeTiersForm({ tiers, currency, priceDecimals, listPrice }: { tiers: TierText[]; currency: string; priceDecimals: number; listPrice: string }) {
  const form = useFormAction(saveVolumeTiers);
  const [rows, setRows] = useState(() => tiers.map((tier, id) => ({ id, ...tier })));
  const [nextId, setNextId] = useState(tiers.length);
  const [added, setAdded] = useState<number>();
  const update = (id: number, change: Partial<TierText>) => setRows(rows.map((row) => (row.id === id ? { ...row, ...change } : row)));
  const add = () => {
    setRows([...rows, { id: nextId, from: "", price: "" }]);
    setAdded(nextId);
    setNextId(nextId + 1);
  };

  return (
    <form key={form.resetKey} action={form.formAction} className="space-y-4">
      {rows.length === 0 ? (
        <p className="text-sm text-gray-500 dark:text-gray-400">No tiers: every credit costs the list price of {listPrice}.</p>
      ) : (
        <ol className="space-y-3">
          {rows.map((row, position) => (
            <li key={row.id} className="grid items-start gap-3 sm:grid-cols-[1fr_1fr_auto]">
              <Field
                label={`Tier ${position + 1}: from (credits)`}
                name={`tierFrom.${row.id}`}
                inputMode="decimal"
                autoComplete="off"
                autoFocus={row.id === added}
                value={row.from}
                onChange={(event) => update(row.id, { from: event.target.value })}
                error={form.error(`tierFrom.${row.id}`)}
              />
              <Field
                label={`Tier ${position + 1}: price per credit (${currency})`}
                name={`tierPrice.${row.id}`}
                inputMode="decimal"
                autoComplete="off"
                value={row.price}
                onChange={(event) => update(row.id, { price: event.target.value })}
                error={form.error(`tierPrice.${row.id}`)}
                hint={`Up to ${priceDecimals} decimal places`}
              />
              <button type="button" onClick={() => setRows(rows.filter((other) => other.id !== row.id))} className={`${secondaryButton} sm:mt-6`}>
                Remove<span className="sr-only"> tier {position + 1}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" onClick={add} className={secondaryButton}>
          Add a tier
        </button>
        <SubmitButton pendingLabel="Saving…">Save tiers</SubmitButton>
        <ActionMessage result={form.result} />
      </div>
    </form>
  );
}

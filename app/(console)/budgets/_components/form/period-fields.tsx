"use client";

import { useState } from "react";
import { Field, SelectField } from "@/app/_components/form/field";
import { PERIOD_LABELS, type BudgetPeriod } from "../../_lib/budget-labels";
import type { BudgetFormHelpers } from "./form-helpers";

const PERIODS = Object.entries(PERIOD_LABELS).map(([value, label]) => ({ value, label }));

/**
 * The period kind; a custom window adds its start and end, read in the organisation's time zone.
 * Uncontrolled like ScopeFields' select, for the same reason.
 */
export function PeriodFields({ form, timeZone }: { form: BudgetFormHelpers; timeZone: string }) {
  const [period, setPeriod] = useState<BudgetPeriod>(() => form.value("period", "month") as BudgetPeriod);
  return (
    <>
      <SelectField
        label="Period"
        name="period"
        defaultValue={period}
        onChange={(event) => setPeriod(event.target.value as BudgetPeriod)}
        options={PERIODS}
        hint={`Calendar periods in ${timeZone}; the limit starts afresh with each one.`}
        error={form.error("period")}
      />
      {period === "custom" && (
        <div className="grid gap-4 sm:col-span-2 sm:grid-cols-2">
          <Field
            label="Window starts"
            {...form.field("windowStart")}
            type="datetime-local"
            required
            hint={`In ${timeZone}`}
          />
          <Field
            label="Window ends"
            {...form.field("windowEnd")}
            type="datetime-local"
            required
            hint={`In ${timeZone}; not included`}
          />
        </div>
      )}
    </>
  );
}

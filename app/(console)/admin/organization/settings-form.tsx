"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { Field } from "@/app/_components/form/field";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { updateSettings } from "./actions";

interface SettingsFormProps {
  /** `lowBalanceThreshold` in credits, "" when the alert is off. */
  defaults: { name: string; timeZone: string; currency: string; creditPrice: string; lowBalanceThreshold: string };
  /** Decimal places the price can hold in the current currency. */
  priceDecimals: number;
  timeZones: string[];
  currencies: string[];
}

export function SettingsForm({ defaults, priceDecimals, timeZones, currencies }: SettingsFormProps) {
  const form = useFormAction(updateSettings);
  return (
    <form action={form.formAction} className="grid max-w-2xl gap-4 sm:grid-cols-2">
      <Field label="Name" name="name" required maxLength={100} defaultValue={form.value("name", defaults.name)} error={form.error("name")} className="sm:col-span-2" />
      <Field
        label="Time zone"
        name="timeZone"
        required
        list="time-zones"
        defaultValue={form.value("timeZone", defaults.timeZone)}
        hint="IANA name, e.g. Europe/Paris. Budget periods and daily charts follow it."
        error={form.error("timeZone")}
      />
      <datalist id="time-zones">
        {timeZones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <Field
        label="Currency"
        name="currency"
        required
        list="currencies"
        maxLength={3}
        defaultValue={form.value("currency", defaults.currency)}
        hint="ISO 4217 code, e.g. USD or EUR."
        error={form.error("currency")}
      />
      <datalist id="currencies">
        {currencies.map((currency) => (
          <option key={currency} value={currency} />
        ))}
      </datalist>
      <Field
        label="List price of one credit"
        name="creditPrice"
        required
        inputMode="decimal"
        defaultValue={form.value("creditPrice", defaults.creditPrice)}
        hint={`In the currency above, e.g. 0.01. Kept exactly, so at most ${priceDecimals} decimal places for ${defaults.currency}.`}
        error={form.error("creditPrice")}
        className="sm:col-span-2"
      />
      <Field
        label="Low-balance alert below (credits)"
        name="lowBalanceThreshold"
        inputMode="decimal"
        defaultValue={form.value("lowBalanceThreshold", defaults.lowBalanceThreshold)}
        hint="Administrators and finance get an alert and an e-mail when the available balance falls below this. Empty: no alert."
        error={form.error("lowBalanceThreshold")}
        className="sm:col-span-2"
      />
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
        <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
        <ActionMessage result={form.result} />
      </div>
    </form>
  );
}

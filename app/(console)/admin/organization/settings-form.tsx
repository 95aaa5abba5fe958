"use client";

import { Field } from "@/app/_components/form/field";
import { FormFooter } from "@/app/_components/form/form-footer";
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
      <Field label="Name" {...form.field("name", defaults.name)} required maxLength={100} className="sm:col-span-2" />
      <Field
        label="Time zone"
        {...form.field("timeZone", defaults.timeZone)}
        required
        list="time-zones"
        hint="IANA name, e.g. Europe/Paris. Budget periods and daily charts follow it."
      />
      <datalist id="time-zones">
        {timeZones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <Field
        label="Currency"
        {...form.field("currency", defaults.currency)}
        required
        list="currencies"
        maxLength={3}
        hint="ISO 4217 code, e.g. USD or EUR."
      />
      <datalist id="currencies">
        {currencies.map((currency) => (
          <option key={currency} value={currency} />
        ))}
      </datalist>
      <Field
        label="List price of one credit"
        {...form.field("creditPrice", defaults.creditPrice)}
        required
        inputMode="decimal"
        hint={`In the currency above, e.g. 0.01. Kept exactly, so at most ${priceDecimals} decimal places for ${defaults.currency}.`}
        className="sm:col-span-2"
      />
      <Field
        label="Low-balance alert below (credits)"
        {...form.field("lowBalanceThreshold", defaults.lowBalanceThreshold)}
        inputMode="decimal"
        hint="Administrators and finance get an alert and an e-mail when the available balance falls below this. Empty: no alert."
        className="sm:col-span-2"
      />
      <FormFooter submitLabel="Save settings" pendingLabel="Saving…" result={form.result} />
    </form>
  );
}

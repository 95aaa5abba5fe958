"use server";

import type { ActionResult } from "@/app/_lib/action-result";
import { creditPriceScale } from "../_lib/currency";
import { invalidFields, renameFieldErrors, textValue } from "@/app/_lib/form-values";
import { mutate } from "@/app/_lib/mutate";
import { parseScaled } from "@/app/_lib/scaled-decimal";

const CURRENCY = /^[A-Z]{3}$/;

export async function updateSettings(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const currency = textValue(formData, "currency").toUpperCase();
  if (!CURRENCY.test(currency)) return invalidFields({ currency: "An ISO 4217 code such as USD" });
  // The price is typed in the (possibly new) currency, so its precision follows that currency.
  const price = parseScaled(textValue(formData, "creditPrice"), creditPriceScale(currency), "The credit price");
  if ("error" in price) return invalidFields({ creditPrice: price.error });
  if (price.value === 0) return invalidFields({ creditPrice: "The credit price must be greater than zero" });
  const lowBalanceText = textValue(formData, "lowBalanceThreshold");
  const lowBalance = lowBalanceText ? parseScaled(lowBalanceText, 6, "The low-balance level") : { value: null };
  if ("error" in lowBalance) return invalidFields({ lowBalanceThreshold: lowBalance.error });
  const result = await mutate(
    (api) =>
      api.org.updateSettings({
        name: textValue(formData, "name"),
        timeZone: textValue(formData, "timeZone"),
        currency,
        creditPriceMinorPerMillion: price.value,
        // Empty turns the alert off.
        lowBalanceThresholdMicros: lowBalance.value,
      }),
    // The organisation's name appears on every page, and its time zone in every date.
    { revalidate: "/", layout: true, message: "Settings saved." },
  );
  return renameFieldErrors(result, { creditPriceMinorPerMillion: "creditPrice", lowBalanceThresholdMicros: "lowBalanceThreshold" });
}

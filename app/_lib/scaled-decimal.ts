import { toSafeNumber, toScaledInteger } from "@/server/lib/decimal";
import { isAppError } from "@/server/lib/errors";
import { textValue } from "@/app/_lib/form-values";

const PLAIN_DECIMAL = /^\d+(\.\d+)?$/;

/**
 * Decimal text typed by a person as an exact integer scaled by 10^digits ("2.5", 6 → 2500000),
 * or the reason it cannot be: not a plain decimal, finer than `digits` places, or too large.
 */
export function parseScaled(text: string, digits: number, label: string): { value: number } | { error: string } {
  if (!PLAIN_DECIMAL.test(text)) return { error: `${label} must be a decimal number such as 2.5` };
  try {
    return { value: toSafeNumber(toScaledInteger(text, digits, label), label) };
  } catch (error) {
    if (isAppError(error)) return { error: error.message };
    throw error;
  }
}

/** Reads several decimal fields of one form, collecting one message per field that is wrong. */
export function scaledFieldReader(formData: FormData, digits: number) {
  const fieldErrors: Record<string, string> = {};
  /** The value, or 0 when the field is wrong (check `fieldErrors` before using it). */
  const read = (name: string, label: string): number => {
    const text = textValue(formData, name);
    const parsed = text === "" ? { error: `${label} is required` } : parseScaled(text, digits, label);
    if ("value" in parsed) return parsed.value;
    fieldErrors[name] = parsed.error;
    return 0;
  };
  /** Like `read`, but an empty field is null. */
  const readOptional = (name: string, label: string): number | null => (textValue(formData, name) === "" ? null : read(name, label));
  return { read, readOptional, fieldErrors };
}

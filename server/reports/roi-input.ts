import { z } from "zod";

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month as YYYY-MM");

export const MAX_ROI_MONTHS = 36;

export const roiInputSchema = z
  .object({
    /** First and last month (YYYY-MM, the organisation's time zone); default: the last six months through this one. */
    fromMonth: monthSchema.optional(),
    toMonth: monthSchema.optional(),
    /** Only these departments (each must be visible to the caller). */
    departmentIds: z.array(z.uuid()).max(100).optional(),
  })
  .refine((input) => !input.fromMonth || !input.toMonth || input.fromMonth <= input.toMonth, "fromMonth must not be after toMonth");
export type RoiInput = z.input<typeof roiInputSchema>;

/** Every month from `from` to `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split("-").map(Number) as [number, number];
  for (;;) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    if (key > to) break;
    months.push(key);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return months;
}

export function shiftMonth(monthKey: string, delta: number): string {
  const [year, month] = monthKey.split("-").map(Number) as [number, number];
  const index = year * 12 + (month - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

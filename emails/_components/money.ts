import { formatMoneyExact } from "../../app/_lib/format";

/** Minor units with all the currency's digits, as on an invoice: 100000 USD → "$1,000.00". */
export const money = (amountMinor: number, currency: string) => formatMoneyExact(BigInt(amountMinor), 0, currency);

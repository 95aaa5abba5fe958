import { actionError, type ActionResult } from "@/app/_lib/action-result";
import { invalidFields, renameFieldErrors } from "@/app/_lib/form-values";
import { errorStatus, routeApi } from "../../admin/_lib/route-api";
import type { PurchaseQuote } from "../_lib/purchase-labels";
import { AMOUNT_FIELD_NAMES, readPurchaseAmount } from "../_lib/read-purchase-amount";

/**
 * The buy page's live quote, asked for as the person types: `?by=credits|money&amount=…&annual=1`
 * → purchases.quote, answered as the ActionResult a server action would give. A GET rather than a
 * server action, because server actions run one at a time and a superseded quote can be aborted.
 */
export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  try {
    const api = await routeApi(request);
    const { currency } = await api.purchases.settings();
    const read = readPurchaseAmount({ by: params.get("by") ?? "", amount: params.get("amount")?.trim() ?? "", annual: params.get("annual") === "1" }, currency);
    if ("fieldErrors" in read) return Response.json(invalidFields(read.fieldErrors));
    const result: ActionResult<PurchaseQuote> = { ok: true, data: await api.purchases.quote(read.input) };
    return Response.json(result);
  } catch (error) {
    return Response.json(renameFieldErrors(actionError(error), AMOUNT_FIELD_NAMES), { status: errorStatus(error) });
  }
}

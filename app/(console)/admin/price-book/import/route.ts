import { revalidatePath } from "next/cache";
import { actionError, type ActionResult } from "@/app/_lib/action-result";
import { textValue } from "@/app/_lib/form-values";
import { errorStatus, routeApi } from "../../_lib/route-api";
import { isSameOrigin } from "../../_lib/same-origin";
import type { ImportSummary } from "../import-summary";

/**
 * The LiteLLM import form posts here rather than to a server action: a full price map is several
 * MB, over the 1 MB a server action accepts. It answers with the same ActionResult a server action would.
 */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request.headers)) {
    const refused: ActionResult = { ok: false, error: "Imports are accepted only from Allot's own pages." };
    return Response.json(refused, { status: 403 });
  }
  const formData = await request.formData();
  try {
    const api = await routeApi(request);
    const imported = await api.pricing.importLitellm({
      json: textValue(formData, "json"),
      creditValueUsd: textValue(formData, "creditValueUsd"),
      markupPercent: textValue(formData, "markupPercent") || "0",
      note: textValue(formData, "note") || undefined,
    });
    revalidatePath("/admin/price-book");
    const result: ActionResult<ImportSummary> = { ok: true, data: imported };
    return Response.json(result);
  } catch (error) {
    return Response.json(actionError(error), { status: errorStatus(error) });
  }
}

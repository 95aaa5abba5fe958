"use server";

import { actionError, type ActionResult } from "@/app/_lib/action-result";
import { serverApi } from "@/server/api/server";
import type { WhatIfInput, WhatIfResult } from "@/server/reports/what-if";

/** The what-if form's live re-pricing: reports.whatIf as the signed-in member. */
export async function runWhatIf(input: WhatIfInput): Promise<ActionResult<WhatIfResult>> {
  try {
    return { ok: true, data: await (await serverApi()).reports.whatIf(input) };
  } catch (error) {
    return actionError(error);
  }
}

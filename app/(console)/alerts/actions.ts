"use server";

import type { ActionResult } from "@/app/_lib/action-result";
import { textValue } from "@/app/_lib/form-values";
import { mutate } from "@/app/_lib/mutate";

/** The feed, budget pages and the nav's open count all change. */
const REFRESH = { revalidate: "/", layout: true } as const;

/** Acknowledges the alerts named (comma-separated ids): one from its own button, or every open one shown. */
export async function acknowledgeAlerts(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const alertIds = textValue(formData, "alertIds").split(",").filter(Boolean);
  return mutate(
    async (api) => {
      for (const alertId of alertIds) await api.alerts.acknowledge({ alertId });
    },
    { ...REFRESH, message: alertIds.length === 1 ? "Alert acknowledged." : `${alertIds.length} alerts acknowledged.` },
  );
}

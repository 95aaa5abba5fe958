"use client";

import { useEffect, useState } from "react";
import { withBasePath } from "@/server/lib/base-path";
import type { ActionResult } from "@/app/_lib/action-result";
import type { PurchaseQuote } from "../_lib/purchase-labels";
import type { PurchaseAmountFields } from "../_lib/read-purchase-amount";

/** Long enough not to ask on every keystroke, short enough to feel live. */
const DEBOUNCE_MS = 300;

/**
 * The quote for what is typed, asked for once typing pauses; a newer question aborts the older
 * one. While an answer is due, `previous` is the last one, so the breakdown does not flicker.
 */
export function useLiveQuote(fields: PurchaseAmountFields) {
  const query = new URLSearchParams({ by: fields.by, amount: fields.amount.trim(), ...(fields.annual ? { annual: "1" } : {}) }).toString();
  const empty = fields.amount.trim() === "";
  const [answer, setAnswer] = useState<{ query: string; result: ActionResult<PurchaseQuote> }>();

  useEffect(() => {
    if (empty) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(withBasePath(`/purchases/quote?${query}`), { signal: controller.signal, cache: "no-store" });
        setAnswer({ query, result: (await response.json()) as ActionResult<PurchaseQuote> });
      } catch {
        if (!controller.signal.aborted) setAnswer({ query, result: { ok: false, error: "The quote could not be loaded. Check the connection and type again." } });
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, empty]);

  const current = !empty && answer?.query === query ? answer.result : undefined;
  return {
    result: current,
    pending: !empty && current === undefined,
    previous: !empty && answer?.result.ok ? answer.result.data : undefined,
  };
}

"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";

/**
 * Keeps a server-rendered page current without a reload: every `intervalMs` (while the tab is
 * visible) the page's server components are fetched again (router.refresh keeps client state and
 * scroll), and the age of the figures on screen is shown.
 */
export function LiveRefresh({ generatedAt, intervalMs = 5_000 }: { generatedAt: string; intervalMs?: number }) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [receivedAt, setReceivedAt] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());

  // The browser's clock may differ from the database's: age is counted from when these figures arrived.
  useEffect(() => setReceivedAt(Date.now()), [generatedAt]);
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1_000);
    const poll = setInterval(() => {
      if (document.visibilityState === "visible") startTransition(() => router.refresh());
    }, intervalMs);
    return () => {
      clearInterval(tick);
      clearInterval(poll);
    };
  }, [router, intervalMs]);

  const seconds = Math.max(0, Math.round((now - receivedAt) / 1_000));
  return (
    <p className="text-xs text-gray-500 dark:text-gray-400" data-testid="updated-ago">
      Updated {seconds} s ago · refreshes every {Math.round(intervalMs / 1_000)} s
    </p>
  );
}

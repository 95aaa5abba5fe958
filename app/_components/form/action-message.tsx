import type { ActionResult } from "@/app/_lib/action-result";

/** The outcome of the last submission, announced to screen readers. */
export function ActionMessage({ result }: { result: ActionResult<unknown> }) {
  if (result.ok && !result.message) return null;
  return (
    <p
      role={result.ok ? "status" : "alert"}
      className={`rounded-md p-3 text-sm ${
        result.ok ? "bg-green-50 text-green-800 dark:bg-green-950 dark:text-green-200" : "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200"
      }`}
    >
      {result.ok ? result.message : result.error}
    </p>
  );
}

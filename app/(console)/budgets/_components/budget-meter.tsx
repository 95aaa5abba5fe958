import { limitReached, usageSentence } from "../_lib/budget-figures";
import type { BudgetStatus } from "../_lib/budget-labels";

const TONES = {
  normal: { spent: "bg-blue-600 dark:bg-blue-500", held: "bg-blue-300 dark:bg-blue-800" },
  warning: { spent: "bg-amber-500", held: "bg-amber-300 dark:bg-amber-800" },
  reached: { spent: "bg-red-600 dark:bg-red-500", held: "bg-red-300 dark:bg-red-800" },
};

const share = (micros: number, limitMicros: number) => Math.min(100, (micros / limitMicros) * 100);

/**
 * Committed (solid) and held (light) spend stacked against the limit, with a tick at each alert
 * threshold. Amber when the limit will be reached before the period ends, red once it is.
 */
export function BudgetMeter({ status, thresholds, className = "" }: { status: BudgetStatus; thresholds: number[]; className?: string }) {
  const tone = TONES[limitReached(status) ? "reached" : status.projectedExhaustionAt ? "warning" : "normal"];
  const spent = share(status.spentMicros, status.limitMicros);
  const held = Math.min(100 - spent, share(status.heldMicros, status.limitMicros));
  const used = status.spentMicros + status.heldMicros;
  return (
    <div
      role="meter"
      aria-label="Budget used"
      aria-valuemin={0}
      aria-valuemax={status.limitMicros}
      aria-valuenow={Math.min(used, status.limitMicros)}
      aria-valuetext={`${usageSentence(status)}; alerts at ${thresholds.join(", ")} %`}
      className={`relative h-3 min-w-32 rounded-full bg-gray-200 dark:bg-gray-800 ${className}`}
    >
      <div className="flex h-full overflow-hidden rounded-full">
        <div className={tone.spent} style={{ width: `${spent}%` }} />
        <div className={tone.held} style={{ width: `${held}%` }} />
      </div>
      {thresholds.map((percent) => (
        <span
          key={percent}
          title={`Alert at ${percent} %`}
          className="absolute -top-1 -bottom-1 w-0.5 -translate-x-1/2 rounded bg-gray-500 dark:bg-gray-400"
          style={{ left: `${percent}%` }}
        />
      ))}
    </div>
  );
}

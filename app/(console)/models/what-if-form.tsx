"use client";

import { useEffect, useId, useState, useTransition } from "react";
import type { ActionResult } from "@/app/_lib/action-result";
import { formatCredits, formatInteger } from "@/app/_lib/format";
import type { WhatIfResult } from "@/server/reports/what-if";
import { secondaryButton } from "../admin/_components/button-styles";
import { runWhatIf } from "./actions";
import { DAY_CHOICES } from "./models-filter";

interface Route {
  model: string;
  percent: string;
}

const inputClass =
  "mt-1 block w-full rounded-md border border-gray-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-blue-500 focus:outline-none focus:ring-1 focus:ring-blue-500 dark:border-gray-700 dark:bg-gray-900";

const formatSigned = (micros: number) => (micros > 0 ? `+${formatCredits(micros)}` : formatCredits(micros));
const formatPercentBps = (bps: number | null) => (bps === null ? "" : ` (${bps > 0 ? "+" : ""}${(bps / 100).toFixed(2)} %)`);

/**
 * Re-prices the last N days of a task type under another routing, live: every change is sent
 * (after a short pause) to reports.whatIf, and the answer replaces the last one.
 */
export function WhatIfForm({ taskTypes, models, initial }: { taskTypes: string[]; models: string[]; initial: { taskType: string; days: number; routes: Route[] } }) {
  const id = useId();
  const [taskType, setTaskType] = useState(initial.taskType);
  const [days, setDays] = useState(initial.days);
  const [routes, setRoutes] = useState<Route[]>(initial.routes);
  const [result, setResult] = useState<ActionResult<WhatIfResult> | null>(null);
  const [pending, startTransition] = useTransition();

  const total = routes.reduce((sum, route) => sum + (Number.parseInt(route.percent, 10) || 0), 0);
  const complete = total === 100 && routes.every((route) => route.model && /^\d{1,3}$/.test(route.percent));

  useEffect(() => {
    if (!complete || !taskType) return;
    const timer = setTimeout(() => {
      startTransition(async () => {
        setResult(await runWhatIf({ taskType, days, routing: routes.map((r) => ({ model: r.model, percent: Number(r.percent) })) }));
      });
    }, 350);
    return () => clearTimeout(timer);
  }, [taskType, days, routes, complete]);

  const update = (index: number, change: Partial<Route>) => setRoutes(routes.map((route, i) => (i === index ? { ...route, ...change } : route)));
  const data = result?.ok ? result.data : undefined;

  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-gray-200 bg-white p-4 dark:border-gray-800 dark:bg-gray-900">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        What if
      </h2>
      <p className="mt-1 text-sm text-gray-500 dark:text-gray-400">
        Re-prices the real tasks of the window at their real token counts with each model&apos;s rates in the price version that priced them; a split is
        the expected cost (e.g. 80 % of each task&apos;s price on one model + 20 % on another), rounded once to a micro-credit.
      </p>
      <form className="mt-4 space-y-4" onSubmit={(event) => event.preventDefault()} aria-describedby={`${id}-total`}>
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor={`${id}-task`} className="block text-sm font-medium">
              Task type
            </label>
            <select id={`${id}-task`} value={taskType} onChange={(event) => setTaskType(event.target.value)} className={inputClass}>
              {taskTypes.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-days`} className="block text-sm font-medium">
              Last
            </label>
            <select id={`${id}-days`} value={days} onChange={(event) => setDays(Number(event.target.value))} className={inputClass}>
              {DAY_CHOICES.map((choice) => (
                <option key={choice} value={choice}>
                  {choice} days
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Routing</legend>
          {routes.map((route, index) => (
            <div key={index} className="flex items-end gap-2" data-testid="what-if-route">
              <div className="flex-1">
                <label htmlFor={`${id}-model-${index}`} className="block text-xs text-gray-500">
                  Model {index + 1}
                </label>
                <select id={`${id}-model-${index}`} value={route.model} onChange={(event) => update(index, { model: event.target.value })} className={inputClass}>
                  <option value="">Choose a model</option>
                  {models.map((model) => (
                    <option key={model}>{model}</option>
                  ))}
                </select>
              </div>
              <div className="w-28">
                <label htmlFor={`${id}-percent-${index}`} className="block text-xs text-gray-500">
                  Share of tasks (%)
                </label>
                <input
                  id={`${id}-percent-${index}`}
                  inputMode="numeric"
                  value={route.percent}
                  onChange={(event) => update(index, { percent: event.target.value.trim() })}
                  className={inputClass}
                />
              </div>
              {routes.length > 1 && (
                <button type="button" className={secondaryButton} onClick={() => setRoutes(routes.filter((_, i) => i !== index))} aria-label={`Remove model ${index + 1}`}>
                  Remove
                </button>
              )}
            </div>
          ))}
          <div className="flex items-center justify-between gap-4">
            <button type="button" className={secondaryButton} onClick={() => setRoutes([...routes, { model: "", percent: "0" }])} disabled={routes.length >= 10}>
              Add a model
            </button>
            <p id={`${id}-total`} className={`text-sm ${total === 100 ? "text-gray-500" : "text-amber-700 dark:text-amber-300"}`}>
              Shares add up to {total} %{total === 100 ? "" : " — they must add up to 100 %"}
            </p>
          </div>
        </fieldset>
      </form>

      <div role="status" aria-live="polite" aria-busy={pending} data-testid="what-if-result" className="mt-4 min-h-24 rounded-md bg-gray-50 p-4 text-sm dark:bg-gray-950">
        {pending && <p className="text-gray-500">Re-pricing…</p>}
        {!pending && result && !result.ok && <p className="text-red-700 dark:text-red-400">{result.error}</p>}
        {!pending && data && data.tasks === 0 && <p>No {data.taskType} tasks in the last {data.days} days to re-price.</p>}
        {!pending && data && data.tasks > 0 && (
          <dl className="grid gap-3 sm:grid-cols-3">
            <div>
              <dt className="text-gray-500">Actual ({formatInteger(data.tasks)} tasks)</dt>
              <dd data-testid="what-if-actual" className="text-lg font-semibold tabular-nums">
                {formatCredits(data.actualCostMicros)} credits
              </dd>
              <dd className="text-gray-500 tabular-nums">{formatCredits(data.actualPerTaskMicros)} per task</dd>
            </div>
            <div>
              <dt className="text-gray-500">With this routing</dt>
              <dd data-testid="what-if-cost" className="text-lg font-semibold tabular-nums">
                {formatCredits(data.whatIfCostMicros)} credits
              </dd>
              <dd className="text-gray-500 tabular-nums">{formatCredits(data.whatIfPerTaskMicros)} per task</dd>
            </div>
            <div>
              <dt className="text-gray-500">Difference</dt>
              <dd
                data-testid="what-if-difference"
                className={`text-lg font-semibold tabular-nums ${data.differenceMicros < 0 ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400"}`}
              >
                {formatSigned(data.differenceMicros)} credits{formatPercentBps(data.differenceBps)}
              </dd>
            </div>
          </dl>
        )}
        {!pending && !result && <p className="text-gray-500">Set shares that add up to 100 % to see the re-priced cost.</p>}
      </div>
    </section>
  );
}

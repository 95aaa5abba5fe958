import fs from "node:fs";
import os from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { round } from "./stats";

/** What paused one of the server's processes during a phase (bench/lib/pause-monitor.cjs logs it). */
export interface ProcessPauses {
  /** Time in garbage collections of 1 ms or more, and how many of them were major (mark-compact). */
  gcMs: number;
  majorGcs: number;
  majorGcMs: number;
  /** Event-loop stalls of 3 ms or more (a collection, a long task, or the process waiting for a core). */
  stalls: number;
  stallMs: number;
  longestStallMs: number;
}

/** By process: the server's API and pages processes, and the bench's own (the load generator). */
export type ServerPauses = Partial<Record<"api" | "pages" | "generator", ProcessPauses>>;

/**
 * `BENCH_PAUSES=1`: starts the monitor in this process (the load generator) and answers the
 * directory of its logs and the environment that loads it into the server.
 */
export function pauseMonitoring(): { dir: string; env: Record<string, string> } | undefined {
  if (process.env.BENCH_PAUSES !== "1") return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "allot-bench-pauses-"));
  const preload = path.resolve("bench", "lib", "pause-monitor.cjs");
  process.env.BENCH_PAUSES_DIR = dir;
  createRequire(import.meta.url)(preload);
  const inherited = process.env.NODE_OPTIONS ? `${process.env.NODE_OPTIONS} ` : "";
  return { dir, env: { BENCH_PAUSES_DIR: dir, NODE_OPTIONS: `${inherited}--require ${preload}` } };
}

/** The pauses each monitored process logged between `from` and `to` (wall-clock ms); a process started after `to` is left out. */
export function pausesBetween(dir: string, from: number, to: number): ServerPauses {
  const pauses: ServerPauses = {};
  for (const name of fs.readdirSync(dir)) {
    const role = name.split("-")[0] as keyof ServerPauses;
    const lines = fs.readFileSync(path.join(dir, name), "utf8").split("\n");
    if (!(Number(lines[0]?.split(" ")[1]) <= to)) continue;
    const totals = (pauses[role] ??= { gcMs: 0, majorGcs: 0, majorGcMs: 0, stalls: 0, stallMs: 0, longestStallMs: 0 });
    for (const line of lines) {
      const [kind, at, ms, gcKind] = line.split(" ");
      const start = Number(at);
      const duration = Number(ms);
      if (!(start >= from && start <= to)) continue;
      if (kind === "gc") {
        totals.gcMs += duration;
        if (gcKind === "major") {
          totals.majorGcs++;
          totals.majorGcMs += duration;
        }
      } else if (kind === "stall") {
        totals.stalls++;
        totals.stallMs += duration;
        totals.longestStallMs = Math.max(totals.longestStallMs, duration);
      }
    }
  }
  for (const totals of Object.values(pauses)) {
    totals.gcMs = round(totals.gcMs, 1);
    totals.majorGcMs = round(totals.majorGcMs, 1);
    totals.stallMs = round(totals.stallMs, 1);
    totals.longestStallMs = round(totals.longestStallMs, 1);
  }
  return pauses;
}

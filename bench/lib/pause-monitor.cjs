// Preloaded into the app server's processes by `BENCH_PAUSES=1 npm run bench`, and loaded by the
// bench itself (bench/lib/pauses.ts reads what it writes). In the API process, the pages process and
// the load generator — not worker threads, nor any launcher a process was started through — it logs every garbage
// collection of 1 ms or more and every stall of the event loop (a 1 ms timer firing 3 ms or more
// late), each with its wall-clock start, so the bench can say what paused whom during each phase.
// The timer costs a little CPU: the option is for diagnosis.
"use strict";
const { isMainThread } = require("node:worker_threads");
const fs = require("node:fs");
const path = require("node:path");
const { PerformanceObserver, performance, constants } = require("node:perf_hooks");

const script = process.argv[1] ?? "";
const roles = { api: ["server", "http", "start-server.ts"], pages: ["server", "http", "pages-server.ts"], generator: ["bench", "run.ts"] };
// A launcher (npx, tsx's command) has its own script first: no role, not monitored.
const role = Object.keys(roles).find((name) => script.endsWith(path.join(...roles[name])));
const dir = process.env.BENCH_PAUSES_DIR;

if (isMainThread && role && dir) {
  const file = path.join(dir, `${role}-${process.pid}.log`);
  const origin = performance.timeOrigin;
  const lines = [`start ${Date.now()}`];
  const flush = () => {
    if (lines.length > 0) fs.appendFileSync(file, lines.splice(0).join("\n") + "\n");
  };
  const major = constants.NODE_PERFORMANCE_GC_MAJOR;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration >= 1) lines.push(`gc ${(origin + entry.startTime).toFixed(1)} ${entry.duration.toFixed(2)} ${entry.detail?.kind === major ? "major" : "other"}`);
    }
  }).observe({ entryTypes: ["gc"] });
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    const late = now - last - 1;
    if (late >= 3) lines.push(`stall ${(origin + last).toFixed(1)} ${late.toFixed(2)}`);
    last = now;
  }, 1).unref();
  setInterval(flush, 500).unref();
  process.on("exit", flush);
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pausesBetween } from "../../bench/lib/pauses";

describe("the bench's pause report", () => {
  it("sums each process's collections and stalls that began inside the phase, by role, leaving out processes started after it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pauses-test-"));
    try {
      fs.writeFileSync(
        path.join(dir, "api-100.log"),
        ["start 900", "gc 999.0 9.00 major", "gc 1000.0 2.50 other", "gc 1500.5 6.25 major", "stall 1400.0 4.00", "stall 1600.0 12.00", "stall 2001.0 50.00", ""].join("\n"),
      );
      fs.writeFileSync(path.join(dir, "pages-200.log"), "start 900\nstall 1200.0 3.50\n");
      // Started after the phase: not reported for it.
      fs.writeFileSync(path.join(dir, "generator-300.log"), "start 2500\nstall 2600.0 5.00\n");
      expect(pausesBetween(dir, 1000, 2000)).toEqual({
        api: { gcMs: 8.8, majorGcs: 1, majorGcMs: 6.3, stalls: 2, stallMs: 16, longestStallMs: 12 },
        pages: { gcMs: 0, majorGcs: 0, majorGcMs: 0, stalls: 1, stallMs: 3.5, longestStallMs: 3.5 },
      });
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});

import { rebuildRollups } from "../reports/rebuild-rollups";
import { verifyAllRollups } from "../reports/verify-rollups";
import { parseFlags, runCli } from "./run-cli";

/**
 * `npm run rollups:verify [-- --repair]`: recomputes every organisation's usage rollups from its
 * events and lists any drift (exit 1); with --repair, rebuilds the organisations that drifted.
 */
await runCli(async (db) => {
  const { drifted, sample } = await verifyAllRollups(db);
  if (drifted === 0) {
    console.log("Rollups verified: every hourly and daily row equals the sum of its usage events; no drift.");
    return 0;
  }
  console.error(`Rollup drift found (${drifted} rows; first ${sample.length} shown):`);
  for (const item of sample) {
    console.error(`- ${item.grain} ${item.bucket} org ${item.orgId} ${JSON.stringify(item.key)}: expected ${JSON.stringify(item.expected)}, found ${JSON.stringify(item.actual)}`);
  }
  if (!parseFlags().has("repair")) return 1;
  for (const orgId of new Set(sample.map((item) => item.orgId))) {
    const rebuilt = await rebuildRollups(db, orgId);
    console.log(`Rebuilt org ${orgId}: ${rebuilt.hourlyRows} hourly, ${rebuilt.dailyRows} daily and ${rebuilt.histogramRows} cost-histogram rows.`);
  }
  return 0;
});

import { verifyLedger } from "../ledger/verify";
import { runCli } from "./run-cli";

/** `npm run ledger:verify`: recomputes every balance from the entries; exits 1 and lists any drift. */
await runCli(async (db) => {
  const drift = await verifyLedger(db);
  if (drift.length === 0) {
    console.log("Ledger verified: every balance equals the sum of its entries; no drift.");
    return 0;
  }
  console.error(`Ledger drift found (${drift.length}):`);
  for (const item of drift) {
    console.error(`- ${item.check}: org ${item.orgId}, ${item.subject}: expected ${item.expected}, found ${item.actual}`);
  }
  return 1;
});

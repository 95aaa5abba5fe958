import fs from "node:fs";
import { importLitellmDraft } from "../pricing/import-litellm";
import { publishVersion } from "../pricing/versions";
import { parseFlags, requireFlag, requireOrganization, runCli } from "./run-cli";

const USAGE =
  "npm run pricing:import -- --org <slug> --file <litellm.json> [--credit-value 0.01] [--markup 0] [--publish] [--effective-from 2026-12-01T00:00:00Z]";

/** Imports a LiteLLM price map as a draft price version; lists what it could not price; optionally publishes. */
await runCli(async (db) => {
  const flags = parseFlags();
  const org = await requireOrganization(db, flags, USAGE);
  const map = JSON.parse(fs.readFileSync(requireFlag(flags, "file", USAGE), "utf8")) as unknown;
  const result = await importLitellmDraft(db, {
    orgId: org.id,
    actor: "cli",
    map,
    conversion: { creditValueUsd: flags.get("credit-value") ?? "0.01", markupPercent: flags.get("markup") ?? "0" },
  });
  console.log(`Draft price version ${result.versionId}: ${result.imported} models imported.`);
  if (result.skipped.length > 0) {
    console.log(`Not imported (${result.skipped.length}):`);
    for (const entry of result.skipped) console.log(`- ${entry.key}: ${entry.reason}`);
  }
  if (flags.has("publish")) {
    const effective = flags.get("effective-from");
    const published = await publishVersion(db, {
      orgId: org.id,
      actor: "cli",
      versionId: result.versionId,
      effectiveFrom: effective ? new Date(effective) : undefined,
    });
    console.log(`Published as version ${published.version}, effective ${published.effectiveFrom.toISOString()}.`);
  }
});

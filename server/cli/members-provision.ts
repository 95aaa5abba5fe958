import fs from "node:fs";
import { provisionMembers, provisionRowsFrom } from "../identity/provision";
import { parseCsv } from "../lib/csv-parse";
import { parseFlags, requireFlag, requireOrganization, runCli } from "./run-cli";

const USAGE = `npm run members:provision -- --org <slug> --email <e-mail> --role admin|finance|department_head|member
    [--name <name>] [--department <slug>] [--head-of <slug;slug>] [--subject <provider>:<subject>]
  or: npm run members:provision -- --org <slug> --file people.csv|people.json`;

/** Rows from --file (CSV with a header row, or a JSON array) or from the single-person flags. */
function readRows(flags: Map<string, string>) {
  const file = flags.get("file");
  if (!file) {
    return provisionRowsFrom([
      {
        email: requireFlag(flags, "email", USAGE),
        role: requireFlag(flags, "role", USAGE),
        name: flags.get("name"),
        department: flags.get("department"),
        headOf: flags.get("head-of"),
        subject: flags.get("subject"),
      },
    ]);
  }
  const text = fs.readFileSync(file, "utf8");
  const records = file.endsWith(".json") ? (JSON.parse(text) as Record<string, unknown>[]) : parseCsv(text);
  if (!Array.isArray(records)) throw new Error(`${file}: expected a JSON array of people`);
  return provisionRowsFrom(records);
}

/** Adds or updates members (all or none) and prints what happened to each. */
await runCli(async (db) => {
  const flags = parseFlags();
  const org = await requireOrganization(db, flags, USAGE);
  const outcomes = await provisionMembers(db, org.id, "cli", readRows(flags));
  for (const outcome of outcomes) console.log(`${outcome.result} ${outcome.email}`);
  console.error(`${outcomes.length} people provisioned in ${org.slug}.`);
});

import { createDatabase, type Database } from "../../db/client";
import { migrate } from "../../db/migrate";
import { env } from "../env";
import { isAppError } from "../lib/errors";
import { findOrganizationBySlug } from "../orgs/organizations";
import { openDevDatabase } from "./dev-database";

/** The command was called wrongly (a missing flag, an unknown organisation): exit 2 with this message. */
export class UsageError extends Error {}

/**
 * Runs a command-line task against a migrated database, printing typed errors plainly: exit 0, or
 * what the task returns, 2 for a UsageError, 1 for anything else. The database is closed either way.
 */
export async function runCli(task: (db: Database, url: string) => Promise<number | void>): Promise<void> {
  const { url, stop } = await openDevDatabase((line) => console.error(line));
  const db = createDatabase({ url, max: 4, applicationName: "allot-cli" });
  let code = 0;
  try {
    await migrate(url, env.ALLOT_DB_SCHEMA);
    code = (await task(db, url)) ?? 0;
  } catch (error) {
    code = error instanceof UsageError ? 2 : 1;
    console.error(error instanceof UsageError ? error.message : isAppError(error) ? `${error.appCode}: ${error.message}` : error);
  } finally {
    await db.$client.end({ timeout: 5 });
    await stop();
  }
  process.exit(code);
}

/** `--name value` pairs from argv. */
export function parseFlags(argv = process.argv.slice(2)): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) continue;
    const [name, inline] = arg.slice(2).split("=", 2);
    if (inline !== undefined) flags.set(name!, inline);
    else if (argv[i + 1] && !argv[i + 1]!.startsWith("--")) flags.set(name!, argv[++i]!);
    else flags.set(name!, "true");
  }
  return flags;
}

export function requireFlag(flags: Map<string, string>, name: string, usage: string): string {
  const value = flags.get(name);
  if (!value) throw new UsageError(`Missing --${name}.\nUsage: ${usage}`);
  return value;
}

/** The organisation named by `--org <slug>`. */
export async function requireOrganization(db: Database, flags: Map<string, string>, usage: string) {
  const slug = requireFlag(flags, "org", usage);
  const org = await findOrganizationBySlug(db, slug);
  if (!org) throw new UsageError(`No organisation with slug "${slug}".`);
  return org;
}

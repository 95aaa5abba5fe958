import { createDatabase, type Database } from "../../db/client";
import { migrate } from "../../db/migrate";
import { env } from "../env";
import { isAppError } from "../lib/errors";
import { openDevDatabase } from "./dev-database";

/** Runs a command-line task against a migrated database, printing typed errors plainly. */
export async function runCli(task: (db: Database, url: string) => Promise<number | void>): Promise<void> {
  const { url, stop } = await openDevDatabase((line) => console.error(line));
  const db = createDatabase({ url, max: 4, applicationName: "allot-cli" });
  let code = 0;
  try {
    await migrate(url, env.ALLOT_DB_SCHEMA);
    code = (await task(db, url)) ?? 0;
  } catch (error) {
    code = 1;
    console.error(isAppError(error) ? `${error.appCode}: ${error.message}` : error);
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
  if (!value) {
    console.error(`Missing --${name}.\nUsage: ${usage}`);
    process.exit(2);
  }
  return value;
}

import { API_KEY_SCOPES, type ApiKeyScope } from "../../db/schema";
import { createApiKey } from "../api-keys/api-keys";
import { listDepartments } from "../orgs/departments";
import { parseFlags, requireFlag, requireOrganization, runCli } from "./run-cli";

const USAGE = "npm run apikey:create -- --org <slug> --scopes usage:write,pricing:read [--name <name>] [--department <slug>]";

/** Prints the new key once; only its hash is stored. */
await runCli(async (db) => {
  const flags = parseFlags();
  const org = await requireOrganization(db, flags, USAGE);
  const scopes = requireFlag(flags, "scopes", USAGE).split(",").map((s) => s.trim());
  const unknown = scopes.filter((scope) => !(API_KEY_SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0) {
    console.error(`Unknown scopes: ${unknown.join(", ")}. Known: ${API_KEY_SCOPES.join(", ")}`);
    return 2;
  }
  let departmentId: string | null = null;
  const departmentSlug = flags.get("department");
  if (departmentSlug) {
    departmentId = (await listDepartments(db, org.id)).find((d) => d.slug === departmentSlug)?.id ?? null;
    if (!departmentId) {
      console.error(`No department "${departmentSlug}" in ${org.slug}.`);
      return 2;
    }
  }
  const key = await createApiKey(db, {
    orgId: org.id,
    actor: "cli",
    name: flags.get("name") ?? "CLI key",
    scopes: scopes as ApiKeyScope[],
    departmentId,
  });
  console.log(key.token);
  console.error(`Created API key ${key.prefix} for ${org.slug} (scopes: ${scopes.join(", ")}). It is shown only now.`);
});

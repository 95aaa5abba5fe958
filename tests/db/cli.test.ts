import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { authenticateApiKey, listApiKeys } from "../../server/api-keys/api-keys";
import { listMembers } from "../../server/orgs/members";
import { getVersion, listVersions } from "../../server/pricing/versions";
import { useTestDatabase } from "../support/database";
import { createTestOrg } from "../support/fixtures";

const db = useTestDatabase();
const run = promisify(execFile);

/** Runs an npm script's CLI against the test database, as `npm run <script> -- …` would. */
function cli(script: string, args: string[]) {
  return run("npx", ["tsx", script, ...args], { env: { ...process.env, DATABASE_URL: inject("databaseUrl") } });
}

describe("npm run apikey:create", () => {
  it("prints a working key once, scoped and limited to a department", async () => {
    const org = await createTestOrg(db);
    const { stdout, stderr } = await cli("server/cli/apikey-create.ts", [
      "--org", org.slug, "--scopes", "usage:write,pricing:read", "--name", "gateway", "--department", "support",
    ]);
    const token = stdout.trim();
    expect(stderr).toContain("It is shown only now");
    const principal = await authenticateApiKey(db, token);
    expect(principal).toMatchObject({ orgId: org.orgId, name: "gateway", scopes: ["usage:write", "pricing:read"], departmentId: org.departments.support });
  });

  it("refuses an unknown scope and writes nothing", async () => {
    const org = await createTestOrg(db);
    const keysBefore = (await listApiKeys(db, org.orgId)).length;
    const failure = await cli("server/cli/apikey-create.ts", ["--org", org.slug, "--scopes", "usage:write,everything"]).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain("Unknown scopes: everything");
    expect(await listApiKeys(db, org.orgId)).toHaveLength(keysBefore);
  });
});

describe("npm run pricing:import", () => {
  it("imports the LiteLLM sample, lists what it cannot price, and publishes", async () => {
    const org = await createTestOrg(db);
    const before = await listVersions(db, org.orgId);
    const { stdout } = await cli("server/cli/pricing-import.ts", [
      "--org", org.slug, "--file", "db/seed/data/litellm-model-prices.sample.json", "--credit-value", "0.01", "--markup", "20", "--publish",
    ]);
    expect(stdout).toContain("15 models imported");
    expect(stdout).toMatch(/- sample_spec: /);
    expect(stdout).toMatch(/- 1024-x-1024\/dall-e-2: priced per pixel/);
    expect(stdout).toMatch(/- amazon\.nova-canvas-v1:0: priced per image/);
    expect(stdout).toContain("Published as version 2");

    const versions = await listVersions(db, org.orgId);
    expect(versions).toHaveLength(before.length + 1);
    const published = await getVersion(db, org.orgId, versions.find((v) => v.version === 2)!.id);
    const gpt4o = published.models.find((m) => m.model === "gpt-4o");
    // 2.5e-06 USD per token × 10^12 × 1.2 / 0.01 USD per credit.
    expect(gpt4o).toMatchObject({ inputMicrosPerMillionTokens: 300_000_000, outputMicrosPerMillionTokens: 1_200_000_000, cachedInputMicrosPerMillionTokens: 150_000_000 });
  });
});

describe("npm run members:provision", () => {
  it("provisions one person by flags and several from a CSV file, and refuses a bad file whole", async () => {
    const org = await createTestOrg(db);
    const one = await cli("server/cli/members-provision.ts", ["--org", org.slug, "--email", "Cli.Person@Example.test", "--role", "finance", "--department", "sales"]);
    expect(one.stdout.trim()).toBe("added cli.person@example.test");

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "allot-provision-"));
    const csv = path.join(dir, "people.csv");
    fs.writeFileSync(csv, 'email,name,role,department,head_of,subject\ncli.person@example.test,,member,,,\n"head@example.test","Head, Support",department_head,support,support;sales,oidc:head-sub\n');
    const many = await cli("server/cli/members-provision.ts", ["--org", org.slug, "--file", csv]);
    expect(many.stdout.trim().split("\n")).toEqual(["updated cli.person@example.test", "added head@example.test"]);
    const people = await listMembers(db, org.orgId);
    expect(people.find((m) => m.email === "cli.person@example.test")).toMatchObject({ role: "member", departmentId: null });
    expect(people.find((m) => m.email === "head@example.test")).toMatchObject({ name: "Head, Support", role: "department_head", departmentId: org.departments.support });

    const json = path.join(dir, "bad.json");
    fs.writeFileSync(json, JSON.stringify([{ email: "fine@example.test", role: "member" }, { email: "x@example.test", role: "owner" }]));
    const failure = await cli("server/cli/members-provision.ts", ["--org", org.slug, "--file", json]).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain("Row 2: role");
    expect((await listMembers(db, org.orgId)).length).toBe(people.length);
  });
});

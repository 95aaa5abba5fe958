import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase } from "../../db/client";
import { agents, modelPrices, operationPrices, reservations, usageEvents } from "../../db/schema";
import { DEMO_ORG_SLUG } from "../../db/seed/demo";
import { createApiKey } from "../../server/api-keys/api-keys";
import { findOrganizationBySlug } from "../../server/orgs/organizations";
import { priceOperation, priceTokens } from "../../server/pricing/cost";

/**
 * The documented sibling-app example, run as a sibling app runs it: a separate process, over HTTP,
 * against the running app, with an API key of the seeded demo organisation.
 */
const run = promisify(execFile);
const EXAMPLE = "examples/sibling-app/record-usage.ts";
const TSX = path.resolve("node_modules/.bin/tsx");

const db = createDatabase({ url: inject("databaseUrl"), max: 2, applicationName: "allot-e2e-example" });
let orgId: string;
let token: string;

beforeAll(async () => {
  const org = await findOrganizationBySlug(db, DEMO_ORG_SLUG);
  if (!org) throw new Error("The demo organisation was not seeded");
  orgId = org.id;
  ({ token } = await createApiKey(db, { orgId, actor: "test", name: "sibling-app example", scopes: ["pricing:read", "usage:write", "usage:read"] }));
});

afterAll(async () => {
  await db.$client.end({ timeout: 5 });
});

function runExample(env: Record<string, string>) {
  return run(TSX, [EXAMPLE], { env: { ...process.env, ALLOT_URL: inject("appUrl"), ...env }, timeout: 90_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout: string; stderr: string }) => ({ code: error.code ?? -1, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe("the sibling-app example", () => {
  it("estimates, holds, settles, records and reads the balance over HTTP; the events it reports are in the ledger at their price", async () => {
    const result = await runExample({ ALLOT_API_KEY: token, ALLOT_AGENT: "support-chatbot" });
    expect(result.stderr).not.toMatch(/refused|could not reach/i);
    expect(result.code).toBe(0);

    const reported = [...result.stdout.matchAll(/event ([0-9a-f-]{36}): cost [\d.,]+ credits \((\d+) µcr\)/g)].map(([, id, cost]) => ({
      id: id!,
      costMicros: Number(cost),
    }));
    expect(reported).toHaveLength(2);
    const [settled, recorded] = reported as [(typeof reported)[number], (typeof reported)[number]];

    const events = await db
      .select()
      .from(usageEvents)
      .where(and(eq(usageEvents.orgId, orgId), inArray(usageEvents.id, [settled.id, recorded.id])));
    const byId = new Map(events.map((event) => [event.id, event]));
    const [supportChatbot] = await db.select().from(agents).where(and(eq(agents.orgId, orgId), eq(agents.slug, "support-chatbot")));

    // The settled call: an OpenAI usage object of 1,200 prompt tokens (200 cached) and 300 completion tokens.
    const call = byId.get(settled.id)!;
    expect(call).toMatchObject({ kind: "model", item: "gpt-4o-mini", inputTokens: 1_000, outputTokens: 300, cachedInputTokens: 200, cacheWriteTokens: 0 });
    expect(call).toMatchObject({ costMicros: settled.costMicros, chargedMicros: settled.costMicros, agentId: supportChatbot!.id, taskType: "support-reply" });
    const [rates] = await db
      .select()
      .from(modelPrices)
      .where(and(eq(modelPrices.orgId, orgId), eq(modelPrices.versionId, call.priceVersionId), eq(modelPrices.model, "gpt-4o-mini")));
    expect(priceTokens(rates!, call).costMicros).toBe(settled.costMicros);
    const [hold] = await db.select().from(reservations).where(and(eq(reservations.orgId, orgId), eq(reservations.id, call.reservationId!)));
    expect(hold).toMatchObject({ status: "settled", usageEventId: call.id });

    // The recorded agent run: one unit at the price book's agent_run rate.
    const agentRun = byId.get(recorded.id)!;
    expect(agentRun).toMatchObject({ kind: "operation", item: "agent_run", quantityMicros: 1_000_000 });
    expect(agentRun).toMatchObject({ costMicros: recorded.costMicros, chargedMicros: recorded.costMicros });
    const [operation] = await db
      .select()
      .from(operationPrices)
      .where(and(eq(operationPrices.orgId, orgId), eq(operationPrices.versionId, agentRun.priceVersionId), eq(operationPrices.operation, "agent_run")));
    expect(priceOperation(operation!.microsPerUnit, 1_000_000).costMicros).toBe(recorded.costMicros);

    expect(result.stdout).toMatch(/balance\s+[\d,]+\.\d{6} credits available/);
  });

  it("exits non-zero with the appCode when Allot refuses the key", async () => {
    const result = await runExample({ ALLOT_API_KEY: `allot_${"N".repeat(12)}_${"n".repeat(43)}` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Allot refused the call: UNAUTHORIZED");
  });
});

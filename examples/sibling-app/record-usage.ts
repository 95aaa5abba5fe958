/**
 * A sibling app (an agent runtime or LLM gateway) metering one model call and one agent run with
 * Allot over HTTP, using an API key:
 *
 *   ALLOT_URL=http://localhost:3000 ALLOT_API_KEY=allot_… npx tsx examples/sibling-app/record-usage.ts
 *
 * The key needs the scopes pricing:read, usage:write and usage:read. ALLOT_MODEL (default
 * gpt-4o-mini) must be in the organisation's price book; ALLOT_AGENT optionally names the agent
 * (by slug) the usage is attributed to, e.g. support-chatbot in the demo organisation.
 */
import { randomUUID } from "node:crypto";
import { appCodeOf, createAllotClient } from "../../server/api/client";

const url = process.env.ALLOT_URL ?? "http://localhost:3000";
const apiKey = process.env.ALLOT_API_KEY;
const model = process.env.ALLOT_MODEL ?? "gpt-4o-mini";
const agent = process.env.ALLOT_AGENT || undefined;

/** µcr as credits, in integer arithmetic: 41,400 → "0.041400". */
function credits(micros: number): string {
  const value = BigInt(micros);
  return `${(value / 1_000_000n).toLocaleString("en-US")}.${(value % 1_000_000n).toString().padStart(6, "0")}`;
}

async function main(key: string): Promise<void> {
  const allot = createAllotClient({ url, apiKey: key });
  // Idempotency keys come from the caller's own ids, so that a retried request is recognised as one.
  const requestId = randomUUID();
  const expected = { inputTokens: 1_200, outputTokens: 400 };

  // 1. What the call will cost, before running it.
  const estimate = await allot.pricing.estimate.query({ model, ...expected });

  // 2. Hold that much while the model runs: a call that cannot be paid for is refused here.
  const hold = await allot.usage.authorize.mutate({
    idempotencyKey: `${requestId}:hold`,
    model,
    ...expected,
    agent,
    taskType: "support-reply",
    ttlSeconds: 120,
  });

  // 3. The provider answered; settle with its `usage` object as it came (OpenAI Chat Completions here).
  const usage = { prompt_tokens: 1_200, completion_tokens: 300, total_tokens: 1_500, prompt_tokens_details: { cached_tokens: 200 } };
  const settled = await allot.usage.settle.mutate({ reservationId: hold.reservationId, model, usage });

  // 4. Record something priced per unit, without a hold: the agent run that made the call.
  const run = await allot.usage.record.mutate({ idempotencyKey: `${requestId}:run`, operation: "agent_run", quantity: 1, agent, taskType: "support-reply" });

  // 5. What is left.
  const balance = await allot.credits.balance.query();

  const cost = (micros: number) => `cost ${credits(micros)} credits (${micros} µcr)`;
  console.log(
    [
      `Allot at ${url}, request ${requestId}`,
      `  estimate  ${model}, ${expected.inputTokens} in / ${expected.outputTokens} out tokens: ` +
        `${credits(estimate.costMicros)} credits (price version ${estimate.priceVersion})`,
      `  held      reservation ${hold.reservationId}: ${credits(hold.heldMicros)} credits until ${hold.expiresAt}`,
      `  settled   event ${settled.eventId}: ${cost(settled.costMicros)}, ${credits(settled.releasedMicros)} credits of the hold released`,
      `  recorded  event ${run.eventId}: ${cost(run.costMicros)}, agent_run × 1`,
      `  balance   ${credits(balance.availableMicros)} credits available, ${credits(balance.heldMicros)} held, open grants: ${balance.grants.length}`,
    ].join("\n"),
  );
}

if (!apiKey) {
  console.error("Set ALLOT_API_KEY, e.g. from: npm run apikey:create -- --org demo --scopes pricing:read,usage:write,usage:read");
  process.exit(2);
}

main(apiKey).catch((error: unknown) => {
  const appCode = appCodeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  console.error(appCode ? `Allot refused the call: ${appCode}: ${message}` : `Could not reach Allot at ${url}: ${message}`);
  process.exitCode = 1;
});

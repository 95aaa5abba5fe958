/**
 * A whole Allot workflow against DATABASE_URL in the schema ALLOT_DB_SCHEMA names, run as its own
 * process (the schema is fixed when the modules load): migrations, the demo seed, an organisation,
 * usage recorded and settled through the API, an invitation accepted by a host identity, members
 * provisioned, e-mails dispatched, and the ledger verified. Prints a JSON summary.
 */
import { createDatabase } from "../../db/client";
import { migrate } from "../../db/migrate";
import { seedDemo } from "../../db/seed/demo";
import { createCaller } from "../../server/api/root";
import { env, requireDatabaseUrl } from "../../server/env";
import { acceptInvite, createInvite } from "../../server/identity/invites";
import { provisionMembers } from "../../server/identity/provision";
import { verifyLedger } from "../../server/ledger/verify";
import { dispatchOutbox } from "../../server/outbox/dispatch";
import { findInviteToken } from "./invite-token";
import { createTestOrg } from "./fixtures";

const url = requireDatabaseUrl();
await migrate(url, env.ALLOT_DB_SCHEMA);
const db = createDatabase({ url, max: 4, applicationName: "allot-coexistence" });
try {
  await seedDemo(db, () => {});
  const org = await createTestOrg(db);
  const api = createCaller({ db, principal: org.apiKey });
  const recorded = await api.usage.record({ idempotencyKey: "coexist-1", model: "test-small", inputTokens: 1_000, outputTokens: 100, agent: "support-bot" });
  const hold = await api.usage.authorize({ idempotencyKey: "coexist-2", amountMicros: 50_000, agent: "support-bot" });
  await api.usage.settle({ reservationId: hold.reservationId, model: "test-small", inputTokens: 500 });
  const invite = await createInvite(db, { orgId: org.orgId, actor: "system", inviterName: "Coexistence", email: "host@example.com", role: "finance" });
  const token = await findInviteToken(db, org.orgId, invite.id);
  const accepted = await acceptInvite(db, token, { identity: { provider: "oidc", subject: "host-subject-2", email: "host@example.com", emailVerified: true } });
  await provisionMembers(db, org.orgId, "cli", [{ email: "admin@allot.demo", role: "member" }]);
  await dispatchOutbox(db, { orgId: org.orgId });
  const drift = await verifyLedger(db);
  console.log(JSON.stringify({ chargedMicros: recorded.chargedMicros, acceptedMember: Boolean(accepted.memberId), drift: drift.length }));
} finally {
  await db.$client.end({ timeout: 5 });
}

import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { webhookEndpoints, WEBHOOK_EVENT_TYPES } from "../../db/schema";
import { withTransaction, type DbOrTx } from "../../db/transaction";
import { recordAudit } from "../audit/record-audit";
import { actorOf, type MemberPrincipal } from "../auth/principal";
import { uuidv7 } from "../lib/ids";
import { notFound } from "../lib/errors";
import { newSigningSecret, sealSecret } from "./secret-box";

/**
 * Only http(s) URLs, without credentials in them. Private and loopback addresses are allowed on
 * purpose: the host that receives Allot's webhooks usually runs on the same network (docs/webhooks.md).
 */
const endpointUrl = z
  .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
  .max(2_000)
  .refine((value) => {
    const url = new URL(value);
    return url.username === "" && url.password === "";
  }, "must not carry a user name or password");

const eventTypes = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1, "subscribe to at least one event type")
  .transform((types) => WEBHOOK_EVENT_TYPES.filter((type) => types.includes(type)));

export const createEndpointSchema = z.object({
  url: endpointUrl,
  description: z.string().trim().max(200).default(""),
  eventTypes,
});
export type CreateEndpointInput = z.input<typeof createEndpointSchema>;

export const updateEndpointSchema = z
  .object({
    endpointId: z.uuid(),
    url: endpointUrl.optional(),
    description: z.string().trim().max(200).optional(),
    eventTypes: eventTypes.optional(),
    enabled: z.boolean().optional(),
  })
  .refine(({ endpointId: _endpointId, ...changes }) => Object.values(changes).some((value) => value !== undefined), {
    message: "nothing to change: give at least one field besides endpointId",
  });
export type UpdateEndpointInput = z.input<typeof updateEndpointSchema>;

/** What people and procedures see of an endpoint: never the secret, only its last characters. */
export const endpointColumns = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  description: webhookEndpoints.description,
  eventTypes: webhookEndpoints.eventTypes,
  enabled: webhookEndpoints.enabled,
  secretHint: webhookEndpoints.secretHint,
  secretRotatedAt: webhookEndpoints.secretRotatedAt,
  previousSecretExpiresAt: webhookEndpoints.previousSecretExpiresAt,
  createdAt: webhookEndpoints.createdAt,
  updatedAt: webhookEndpoints.updatedAt,
};

const byId = (orgId: string, endpointId: string) => and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, endpointId));

export async function listEndpoints(db: DbOrTx, orgId: string) {
  return db.select(endpointColumns).from(webhookEndpoints).where(eq(webhookEndpoints.orgId, orgId)).orderBy(desc(webhookEndpoints.createdAt));
}

export async function getEndpoint(db: DbOrTx, orgId: string, endpointId: string) {
  const [endpoint] = await db.select(endpointColumns).from(webhookEndpoints).where(byId(orgId, endpointId));
  if (!endpoint) throw notFound("Webhook endpoint", { endpointId });
  return endpoint;
}

/** Registers an endpoint. The signing secret is in this answer and nowhere else, ever. */
export async function createEndpoint(db: DbOrTx, principal: MemberPrincipal, raw: CreateEndpointInput) {
  const input = createEndpointSchema.parse(raw);
  const { secret, hint } = newSigningSecret();
  return withTransaction(db, async (tx) => {
    const [endpoint] = await tx
      .insert(webhookEndpoints)
      .values({ orgId: principal.orgId, id: uuidv7(), ...input, secretCiphertext: sealSecret(secret), secretHint: hint, createdByMemberId: principal.memberId })
      .returning(endpointColumns);
    await recordAudit(tx, { orgId: principal.orgId, actor: actorOf(principal), action: "webhook_endpoint.created", targetType: "webhook_endpoint", targetId: endpoint!.id, after: endpoint });
    return { endpoint: endpoint!, secret };
  });
}

/** Changes where and what an endpoint receives; disabling it stops its deliveries (even queued ones). */
export async function updateEndpoint(db: DbOrTx, principal: MemberPrincipal, raw: UpdateEndpointInput) {
  const { endpointId, ...changes } = updateEndpointSchema.parse(raw);
  return withTransaction(db, async (tx) => {
    const before = await getEndpoint(tx, principal.orgId, endpointId);
    const [after] = await tx
      .update(webhookEndpoints)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(byId(principal.orgId, endpointId))
      .returning(endpointColumns);
    await recordAudit(tx, { orgId: principal.orgId, actor: actorOf(principal), action: "webhook_endpoint.updated", targetType: "webhook_endpoint", targetId: endpointId, before, after });
    return after!;
  });
}

export const rotateSecretSchema = z.object({
  endpointId: z.uuid(),
  /** How long deliveries also carry a signature with the old secret (0: it stops at once). */
  oldSecretValidHours: z.number().int().min(0).max(72).default(24),
});
export type RotateSecretInput = z.input<typeof rotateSecretSchema>;

/**
 * A new signing secret, signing every delivery from now on (retries included). For
 * `oldSecretValidHours` deliveries carry a second signature with the old secret too, so a
 * receiver can switch without refusing anything. Returned here only.
 */
export async function rotateEndpointSecret(db: DbOrTx, principal: MemberPrincipal, raw: RotateSecretInput) {
  const { endpointId, oldSecretValidHours } = rotateSecretSchema.parse(raw);
  const { secret, hint } = newSigningSecret();
  const keepOld = oldSecretValidHours > 0;
  return withTransaction(db, async (tx) => {
    const [endpoint] = await tx
      .update(webhookEndpoints)
      .set({
        secretCiphertext: sealSecret(secret),
        secretHint: hint,
        secretRotatedAt: sql`now()`,
        // The right-hand side reads the row as it was: the secret being replaced.
        previousSecretCiphertext: keepOld ? sql`${webhookEndpoints.secretCiphertext}` : null,
        previousSecretExpiresAt: keepOld ? sql`now() + make_interval(hours => ${oldSecretValidHours})` : null,
        updatedAt: sql`now()`,
      })
      .where(byId(principal.orgId, endpointId))
      .returning(endpointColumns);
    if (!endpoint) throw notFound("Webhook endpoint", { endpointId });
    await recordAudit(tx, { orgId: principal.orgId, actor: actorOf(principal), action: "webhook_endpoint.secret_rotated", targetType: "webhook_endpoint", targetId: endpointId, after: { oldSecretValidHours } });
    return { endpoint, secret };
  });
}

import { sql, type SQL } from "drizzle-orm";
import { outboxMessages, webhookEndpoints, webhookEvents, type WebhookEventType } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import { uuidv7 } from "../lib/ids";

export interface WebhookEventInput {
  type: WebhookEventType;
  /** Names the domain event (an alert id, a purchase id…): emitting it again changes nothing. */
  key: string;
  /** The event's `data`: JSON, amounts as integer `…Micros` / `…Minor`. */
  data: Record<string, unknown>;
}

/** The event's exact JSON, its `createdAt` from the database's clock (the statement's `now()`, as the row's). */
export function eventBodySql(id: string, orgId: string, event: WebhookEventInput): SQL {
  const head = `{"id":${JSON.stringify(id)},"type":${JSON.stringify(event.type)},"createdAt":"`;
  const tail = `","orgId":${JSON.stringify(orgId)},"data":${JSON.stringify(event.data)}}`;
  return sql`${head}::text || to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || ${tail}::text`;
}

export const eventDedupeKey = (event: WebhookEventInput) => `${event.type}:${event.key}`;

/**
 * Records an event and queues one delivery per enabled endpoint subscribed to its type, in the
 * caller's transaction (so it exists exactly when what caused it commits). One statement: nothing
 * is written when no endpoint listens; the event's dedupe key makes a second emission a no-op, and
 * each delivery's dedupe key (endpoint + event id) makes it one per endpoint.
 */
export async function emitWebhookEvent(tx: DbOrTx, orgId: string, event: WebhookEventInput): Promise<void> {
  const id = uuidv7();
  const listening = sql`SELECT ${webhookEndpoints.id} AS endpoint_id FROM ${webhookEndpoints}
    WHERE ${webhookEndpoints.orgId} = ${orgId} AND ${webhookEndpoints.enabled} AND ${event.type} = ANY(${webhookEndpoints.eventTypes})`;
  await tx.execute(sql`
    WITH listening AS (${listening}),
    event AS (
      INSERT INTO ${webhookEvents} (org_id, id, type, dedupe_key, body, created_at)
      SELECT ${orgId}::uuid, ${id}::uuid, ${event.type}::text, ${eventDedupeKey(event)}::text, ${eventBodySql(id, orgId, event)}, now()
      WHERE EXISTS (SELECT 1 FROM listening)
      ON CONFLICT (org_id, dedupe_key) DO NOTHING
      RETURNING id
    )
    INSERT INTO ${outboxMessages} (org_id, id, channel, dedupe_key, template, recipient, payload)
    SELECT ${orgId}, gen_random_uuid(), 'webhook', 'webhook:' || l.endpoint_id || ':' || e.id, ${event.type}, l.endpoint_id::text,
      jsonb_build_object('eventId', e.id)
    FROM event e CROSS JOIN listening l
    ON CONFLICT (org_id, dedupe_key) DO NOTHING`);
}

import type { Database } from "../../db/client";
import { expireGrants } from "../ledger/expire-grants";
import { dispatchOutbox } from "../outbox/dispatch";
import { runAutoTopUps } from "../purchases/auto-top-up";
import { expirePurchaseRequests } from "../purchases/expire-requests";
import { expireReservations } from "../usage/reservations";
import { dispatchWebhooks } from "../webhooks/dispatch-webhooks";

/**
 * Background work. Every job is idempotent (safe to run twice, or on two instances at once), so the
 * in-process scheduler and the cron route can both call it.
 */
export const JOBS = {
  "expire-reservations": expireReservations,
  "expire-grants": expireGrants,
  "expire-purchase-requests": expirePurchaseRequests,
  "auto-top-up": runAutoTopUps,
  // Last, so e-mails and webhooks queued by the jobs above go out in the same round.
  "dispatch-outbox": dispatchOutbox,
  "dispatch-webhooks": dispatchWebhooks,
} satisfies Record<string, (db: Database) => Promise<unknown>>;

export type JobName = keyof typeof JOBS;

export const isJobName = (name: string): name is JobName => Object.hasOwn(JOBS, name);

export async function runJob(db: Database, name: JobName): Promise<unknown> {
  return JOBS[name](db);
}

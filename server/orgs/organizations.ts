import { eq } from "drizzle-orm";
import { organizations } from "../../db/schema";
import { withTransaction, type DbOrTx } from "../../db/transaction";
import { recordAudit } from "../audit/record-audit";
import { dbNow } from "../lib/db-clock";
import { notFound } from "../lib/errors";
import { openLedger } from "../ledger/accounts";
import { createGrant } from "../ledger/grants";
import { bumpConfigVersion } from "../org-config/config-version";
import { rebuildDailyRollups } from "../reports/rebuild-rollups";

export const DEFAULT_STARTER_CREDITS_MICROS = 1_000 * 1_000_000;

export interface OrganizationInput {
  slug: string;
  name: string;
  timeZone?: string;
  currency?: string;
  creditPriceMinorPerMillion?: number;
  /** Starter credits granted on creation (micro-credits); 0 for none. */
  starterMicros?: number;
  /** Days until the starter credits expire; none when unset. */
  starterExpiresInDays?: number;
  actor?: string;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Creates a tenant with its wallet, system accounts and starter grant, in one transaction. */
export async function createOrganization(db: DbOrTx, input: OrganizationInput): Promise<{ id: string }> {
  return withTransaction(db, async (tx) => {
    const [org] = await tx
      .insert(organizations)
      .values({
        slug: input.slug,
        name: input.name,
        timeZone: input.timeZone ?? "UTC",
        currency: input.currency ?? "USD",
        creditPriceMinorPerMillion: input.creditPriceMinorPerMillion,
      })
      .returning({ id: organizations.id });
    const orgId = org!.id;
    await openLedger(tx, orgId);
    const starterMicros = input.starterMicros ?? DEFAULT_STARTER_CREDITS_MICROS;
    if (starterMicros > 0) {
      await createGrant(tx, {
        orgId,
        kind: "starter",
        amountMicros: starterMicros,
        memo: "Starter credits",
        expiresAt: input.starterExpiresInDays ? new Date((await dbNow(tx)).getTime() + input.starterExpiresInDays * 86_400_000) : null,
      });
    }
    await recordAudit(tx, {
      orgId,
      actor: input.actor ?? "system",
      action: "organization.created",
      targetType: "organization",
      targetId: orgId,
      after: { slug: input.slug, name: input.name, starterMicros },
    });
    return { id: orgId };
  });
}

export async function getOrganization(db: DbOrTx, orgId: string) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId));
  if (!org) throw notFound("Organisation");
  return org;
}

export async function findOrganizationBySlug(db: DbOrTx, slug: string) {
  const [org] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  return org;
}

export interface OrganizationSettings {
  name?: string;
  timeZone?: string;
  currency?: string;
  creditPriceMinorPerMillion?: number;
  lowBalanceThresholdMicros?: number | null;
}

export async function updateOrganizationSettings(db: DbOrTx, orgId: string, actor: string, settings: OrganizationSettings) {
  return withTransaction(db, async (tx) => {
    const before = await getOrganization(tx, orgId);
    const [after] = await tx.update(organizations).set(settings).where(eq(organizations.id, orgId)).returning();
    // The time zone decides budget periods; the rest of the settings are read fresh.
    if (settings.timeZone !== undefined) await bumpConfigVersion(tx, orgId);
    // Daily rollups are keyed by the local day: a new zone re-buckets them (under the wallet lock just taken).
    if (settings.timeZone !== undefined && settings.timeZone !== before.timeZone) await rebuildDailyRollups(tx, orgId, settings.timeZone);
    await recordAudit(tx, {
      orgId,
      actor,
      action: "organization.settings_changed",
      targetType: "organization",
      targetId: orgId,
      before: {
        name: before.name,
        timeZone: before.timeZone,
        currency: before.currency,
        creditPriceMinorPerMillion: before.creditPriceMinorPerMillion,
        lowBalanceThresholdMicros: before.lowBalanceThresholdMicros,
      },
      after: settings,
    });
    return after!;
  });
}

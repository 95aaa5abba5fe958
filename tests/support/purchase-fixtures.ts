import { and, asc, desc, eq, sql } from "drizzle-orm";
import { afterEach, expect } from "vitest";
import type { Database } from "../../db/client";
import { auditLog, creditGrants, purchases, type ApiKeyScope } from "../../db/schema";
import { createCaller } from "../../server/api/root";
import { authenticateApiKey, createApiKey } from "../../server/api-keys/api-keys";
import { loadMemberPrincipal, type ApiKeyPrincipal, type MemberPrincipal, type Principal } from "../../server/auth/principal";
import { verifyLedger } from "../../server/ledger/verify";
import { addMember } from "../../server/orgs/members";
import { updatePurchaseSettings, type UpdatePurchaseSettingsInput } from "../../server/purchases/settings";
import { createTestOrg, type TestOrg } from "./fixtures";

export const CREDIT = 1_000_000;

/** The test organisation's list price is $0.01 a credit (USD, 1,000,000 minor units per million credits). */
export interface PurchaseOrg extends TestOrg {
  /** A second finance member, for two-approver purchases. */
  finance2: MemberPrincipal;
  /** A key with purchases:write created by `creator` (so purchases it asks for are `creator`'s requests). */
  keyCreatedBy(creator: MemberPrincipal, scopes?: ApiKeyScope[]): Promise<ApiKeyPrincipal & { token: string }>;
}

export const api = (db: Database, principal: Principal) => createCaller({ db, principal });

/** The organisations this test file created, for verifyLedgerAfterEach. */
const createdOrgs = new Set<string>();

/**
 * Invariant 1 after every scenario: each organisation the file created recomputes cleanly from its
 * ledger entries (only this file's organisations: other files plant drift on purpose).
 */
export function verifyLedgerAfterEach(db: Database): void {
  afterEach(async () => {
    for (const orgId of createdOrgs) expect(await verifyLedger(db, orgId), `ledger of ${orgId}`).toEqual([]);
  });
}

/** A test organisation with purchase settings (rates in basis points, money in cents). */
export async function createPurchaseOrg(db: Database, settings: UpdatePurchaseSettingsInput = {}, options: { starterMicros?: number } = {}): Promise<PurchaseOrg> {
  const org = await createTestOrg(db, options);
  createdOrgs.add(org.orgId);
  if (Object.keys(settings).length > 0) await updatePurchaseSettings(db, org.orgId, "system", settings);
  const { userId } = await addMember(db, {
    orgId: org.orgId,
    actor: "system",
    email: `finance2.${org.slug}@example.test`,
    name: `second finance of ${org.slug}`,
    role: "finance",
    departmentId: null,
    headOfDepartmentIds: [],
  });
  const finance2 = (await loadMemberPrincipal(db, userId, org.orgId))!;
  const keyCreatedBy = async (creator: MemberPrincipal, scopes: ApiKeyScope[] = ["purchases:write"]) => {
    const { token } = await createApiKey(db, { orgId: org.orgId, actor: `member:${creator.memberId}`, actorMemberId: creator.memberId, name: `key of ${creator.name}`, scopes });
    return { ...(await authenticateApiKey(db, token))!, token };
  };
  return { ...org, finance2, keyCreatedBy };
}

/** The audit trail of a purchase: its actions, oldest first. */
export async function auditActions(db: Database, orgId: string, purchaseId: string): Promise<string[]> {
  const rows = await db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.orgId, orgId), eq(auditLog.targetType, "purchase"), eq(auditLog.targetId, purchaseId)))
    .orderBy(asc(auditLog.id));
  return rows.map((row) => row.action);
}

/** The grants created for a purchase (sourceRef = its id). */
export async function grantsOf(db: Database, orgId: string, purchaseId: string) {
  return db
    .select()
    .from(creditGrants)
    .where(and(eq(creditGrants.orgId, orgId), eq(creditGrants.kind, "purchase"), eq(creditGrants.sourceRef, purchaseId)));
}

/** Lets a pending request's time run out, as if time went by (purchases are not append-only). */
export async function letRequestLapse(db: Database, orgId: string, purchaseId: string): Promise<void> {
  await db
    .update(purchases)
    .set({ expiresAt: sql`now() - interval '1 second'` })
    .where(and(eq(purchases.orgId, orgId), eq(purchases.id, purchaseId)));
}

/**
 * The auto top-up a spend set off: the spend path asks for one after it commits (without waiting),
 * so it appears shortly after the spend's answer.
 */
export async function autoTopUpAfterSpend(db: Database, orgId: string): Promise<typeof purchases.$inferSelect> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [found] = await db
      .select()
      .from(purchases)
      .where(and(eq(purchases.orgId, orgId), eq(purchases.source, "auto_top_up")))
      .orderBy(desc(purchases.createdAt))
      .limit(1);
    if (found) return found;
    if (Date.now() > deadline) throw new Error("no auto top-up followed the spend");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

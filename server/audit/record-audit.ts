import { auditLog } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";

export interface AuditEntry {
  orgId: string;
  /** "member:<id>", "api_key:<id>", "system" or "cli". */
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
}

/** Appends to the audit trail, in the caller's transaction so the record and the change commit together. */
export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    orgId: entry.orgId,
    actor: entry.actor,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

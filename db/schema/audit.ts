import { bigint, index, jsonb, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { allotSchema } from "./allot-schema";
import { organizations } from "./orgs";

/** Who did what, with the state before and after. Append-only (enforced by triggers). */
export const auditLog = allotSchema.table(
  "audit_log",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id),
    id: bigint({ mode: "number" }).generatedAlwaysAsIdentity(),
    /** "member:<id>", "api_key:<id>", "system" or "cli". */
    actor: text().notNull(),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "audit_log_pkey", columns: [t.orgId, t.id] }),
    index("audit_log_target_idx").on(t.orgId, t.targetType, t.targetId),
    index("audit_log_org_created_idx").on(t.orgId, t.createdAt),
  ],
);

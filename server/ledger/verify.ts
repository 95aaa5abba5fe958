import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import {
  agents,
  apiKeys,
  creditGrants,
  creditWallets,
  departments,
  ledgerAccounts,
  ledgerEntries,
  ledgerTransactions,
  organizations,
  priceVersions,
  projects,
  reservations,
  usageEvents,
} from "../../db/schema";

export interface Drift {
  check: string;
  orgId: string;
  subject: string;
  expected: string;
  actual: string;
}

/**
 * The references the hot tables' foreign keys would guard (they have none: db/schema/usage.ts):
 * [rows, what a row is called, what it names, where that lives, the column naming it].
 */
const references = [
  [usageEvents, "usage event", "price version", priceVersions, "price_version_id"],
  [usageEvents, "usage event", "department", departments, "department_id"],
  [usageEvents, "usage event", "project", projects, "project_id"],
  [usageEvents, "usage event", "agent", agents, "agent_id"],
  [usageEvents, "usage event", "API key", apiKeys, "api_key_id"],
  [reservations, "hold", "price version", priceVersions, "price_version_id"],
  [reservations, "hold", "department", departments, "department_id"],
  [reservations, "hold", "project", projects, "project_id"],
  [reservations, "hold", "agent", agents, "agent_id"],
  [reservations, "hold", "API key", apiKeys, "api_key_id"],
] as const;

/** The hot tables' rows whose organisation must exist, and how a row is named. */
const organisationRows = [
  [usageEvents, "usage event", sql.raw("s.id::text")],
  [reservations, "hold", sql.raw("s.id::text")],
] as const;

/**
 * Recomputes every derived figure from the append-only rows and reports where they disagree:
 * account balances vs their entries, transactions that do not balance, wallets vs their grants and
 * holds (their held total and next hold expiry), usage postings vs the events they paid for, and
 * the rows that events and holds name. An empty list means the ledger is consistent.
 */
export async function verifyLedger(db: Database, orgId?: string): Promise<Drift[]> {
  const org = (column: unknown) => (orgId ? sql`${column} = ${orgId}` : sql`true`);
  const checks = [
    sql`SELECT 'account balance = sum of entries' AS check, a.org_id, a.id::text AS subject,
          coalesce(e.total, 0)::text AS expected, a.balance_micros::text AS actual
        FROM ${ledgerAccounts} a
        LEFT JOIN (SELECT org_id, account_id, sum(amount_micros) AS total FROM ${ledgerEntries} GROUP BY 1, 2) e
          ON e.org_id = a.org_id AND e.account_id = a.id
        WHERE ${org(sql`a.org_id`)} AND a.balance_micros <> coalesce(e.total, 0)`,
    sql`SELECT 'transaction entries sum to zero' AS check, org_id, transaction_id::text AS subject,
          '0' AS expected, sum(amount_micros)::text AS actual
        FROM ${ledgerEntries} WHERE ${org(sql`org_id`)}
        GROUP BY org_id, transaction_id HAVING sum(amount_micros) <> 0`,
    sql`SELECT 'transaction has entries' AS check, t.org_id, t.id::text AS subject, '>= 2' AS expected, '0' AS actual
        FROM ${ledgerTransactions} t
        WHERE ${org(sql`t.org_id`)} AND NOT EXISTS (SELECT 1 FROM ${ledgerEntries} e WHERE e.org_id = t.org_id AND e.transaction_id = t.id)`,
    sql`SELECT 'wallet posted = sum of grant balances' AS check, w.org_id, w.org_id::text AS subject,
          coalesce(g.total, 0)::text AS expected, w.posted_micros::text AS actual
        FROM ${creditWallets} w
        LEFT JOIN (SELECT org_id, sum(balance_micros) AS total FROM ${ledgerAccounts} WHERE kind = 'grant' GROUP BY 1) g
          ON g.org_id = w.org_id
        WHERE ${org(sql`w.org_id`)} AND w.posted_micros <> coalesce(g.total, 0)`,
    sql`SELECT 'wallet held = sum of active reservations' AS check, w.org_id, w.org_id::text AS subject,
          coalesce(r.total, 0)::text AS expected, w.held_micros::text AS actual
        FROM ${creditWallets} w
        LEFT JOIN (SELECT org_id, sum(amount_micros) AS total FROM ${reservations} WHERE status = 'active' GROUP BY 1) r
          ON r.org_id = w.org_id
        WHERE ${org(sql`w.org_id`)} AND w.held_micros <> coalesce(r.total, 0)`,
    // A bound above an active hold's expiry would keep that hold from ever being swept (server/usage/hold-expiry.ts).
    sql`SELECT 'wallet next hold expiry <= soonest active hold' AS check, w.org_id, w.org_id::text AS subject,
          '<= ' || r.soonest::text AS expected, coalesce(w.next_hold_expiry_at::text, 'none') AS actual
        FROM ${creditWallets} w
        JOIN (SELECT org_id, min(expires_at) AS soonest FROM ${reservations} WHERE status = 'active' GROUP BY 1) r ON r.org_id = w.org_id
        WHERE ${org(sql`w.org_id`)} AND (w.next_hold_expiry_at IS NULL OR w.next_hold_expiry_at > r.soonest)`,
    sql`SELECT 'grant balance within 0..amount' AS check, g.org_id, g.id::text AS subject,
          '0..' || g.amount_micros AS expected, a.balance_micros::text AS actual
        FROM ${creditGrants} g JOIN ${ledgerAccounts} a ON a.org_id = g.org_id AND a.id = g.id
        WHERE ${org(sql`g.org_id`)} AND (a.balance_micros < 0 OR a.balance_micros > g.amount_micros)`,
    sql`SELECT 'usage posting = its events'' charges' AS check, t.org_id, t.id::text AS subject,
          coalesce(u.total, 0)::text AS expected, coalesce(d.total, 0)::text AS actual
        FROM ${ledgerTransactions} t
        LEFT JOIN (
          SELECT e.org_id, e.transaction_id, sum(e.amount_micros) AS total FROM ${ledgerEntries} e
          JOIN ${ledgerAccounts} a ON a.org_id = e.org_id AND a.id = e.account_id AND a.kind = 'consumption' GROUP BY 1, 2
        ) d ON d.org_id = t.org_id AND d.transaction_id = t.id
        LEFT JOIN (
          SELECT org_id, ledger_transaction_id, sum(charged_micros) AS total FROM ${usageEvents}
          WHERE ledger_transaction_id IS NOT NULL GROUP BY 1, 2
        ) u ON u.org_id = t.org_id AND u.ledger_transaction_id = t.id
        WHERE ${org(sql`t.org_id`)} AND t.kind = 'usage' AND coalesce(u.total, 0) <> coalesce(d.total, 0)`,
    sql`SELECT 'a charged event names its usage posting' AS check, u.org_id, u.id::text AS subject,
          'a usage transaction' AS expected, coalesce(u.ledger_transaction_id::text, 'none') AS actual
        FROM ${usageEvents} u
        WHERE ${org(sql`u.org_id`)} AND u.charged_micros > 0 AND NOT EXISTS (
          SELECT 1 FROM ${ledgerTransactions} t WHERE t.org_id = u.org_id AND t.id = u.ledger_transaction_id AND t.kind = 'usage')`,
    ...references.map(
      ([rows, rowName, name, table, column]) => sql`SELECT ${`${rowName}'s ${name} exists`} AS check, s.org_id, s.id::text AS subject,
          ${`a ${name} of the organisation`} AS expected, s.${sql.raw(column)}::text AS actual
        FROM ${rows} s
        WHERE ${org(sql`s.org_id`)} AND s.${sql.raw(column)} IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ${table} r WHERE r.org_id = s.org_id AND r.id = s.${sql.raw(column)})`,
    ),
    ...organisationRows.map(
      ([rows, rowName, subject]) => sql`SELECT ${`${rowName}'s organisation exists`} AS check, s.org_id, ${subject} AS subject,
          'an organisation' AS expected, s.org_id::text AS actual
        FROM ${rows} s
        WHERE ${org(sql`s.org_id`)} AND NOT EXISTS (SELECT 1 FROM ${organizations} o WHERE o.id = s.org_id)`,
    ),
  ];
  const drift: Drift[] = [];
  for (const check of checks) {
    const rows = await db.execute<{ check: string; org_id: string; subject: string; expected: string; actual: string }>(check);
    for (const row of rows) {
      drift.push({ check: row.check, orgId: row.org_id, subject: row.subject, expected: row.expected, actual: row.actual });
    }
  }
  return drift;
}

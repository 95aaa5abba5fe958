import { and, sql } from "drizzle-orm";
import { organizations, usageRollupsDaily } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import type { Principal } from "../auth/principal";
import { usageVisibility } from "./list-usage";

/**
 * Credits charged per day (in the organisation's time zone) over the last `days` days including
 * today, with empty days as zero — read from the daily rollup (docs/analytics.md), not the events.
 */
export async function dailyTotals(db: DbOrTx, principal: Principal, days: number) {
  const tz = sql`(SELECT ${organizations.timeZone} FROM ${organizations} WHERE ${organizations.id} = ${principal.orgId})`;
  const rows = await db.execute<{ day: string; charged: string; events: string }>(sql`
    WITH today AS (SELECT (now() AT TIME ZONE ${tz})::date AS day),
    totals AS (
      SELECT day, sum(charged_micros) AS charged, sum(events) AS events
      FROM ${usageRollupsDaily}
      WHERE ${and(usageVisibility(principal, usageRollupsDaily), sql`day > (SELECT day FROM today) - ${days}::int`)}
      GROUP BY 1
    )
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(t.charged, 0)::text AS charged, coalesce(t.events, 0)::text AS events
    FROM generate_series(((SELECT day FROM today) - ${days - 1}::int)::timestamp, (SELECT day FROM today)::timestamp, interval '1 day') AS d(day)
    LEFT JOIN totals t ON t.day = d.day::date
    ORDER BY d.day`);
  return rows.map((row) => ({ day: row.day, chargedMicros: Number(row.charged), events: Number(row.events) }));
}

import { and, gte, sql } from "drizzle-orm";
import { organizations, usageEvents } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import type { Principal } from "../auth/principal";
import { usageVisibility } from "./list-usage";

/** Credits charged per day (in the organisation's time zone) over the last `days` days, with empty days as zero. */
export async function dailyTotals(db: DbOrTx, principal: Principal, days: number) {
  const tz = sql`(SELECT ${organizations.timeZone} FROM ${organizations} WHERE ${organizations.id} = ${principal.orgId})`;
  const rows = await db.execute<{ day: string; charged: string; events: string }>(sql`
    WITH totals AS (
      SELECT (${usageEvents.occurredAt} AT TIME ZONE ${tz})::date AS day,
             sum(${usageEvents.chargedMicros}) AS charged, count(*) AS events
      FROM ${usageEvents}
      WHERE ${and(usageVisibility(principal), gte(usageEvents.occurredAt, sql`now() - make_interval(days => ${days})`))}
      GROUP BY 1
    )
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(t.charged, 0)::text AS charged, coalesce(t.events, 0)::text AS events
    FROM generate_series(((now() AT TIME ZONE ${tz})::date - ${days - 1}::int)::timestamp,
                         (now() AT TIME ZONE ${tz})::date::timestamp, interval '1 day') AS d(day)
    LEFT JOIN totals t ON t.day = d.day::date
    ORDER BY d.day`);
  return rows.map((row) => ({ day: row.day, chargedMicros: Number(row.charged), events: Number(row.events) }));
}

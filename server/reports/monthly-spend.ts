import { inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/transaction";
import { usageEvents as e } from "../../db/schema";
import type { DepartmentScope } from "./department-scope";

export interface MonthlySpendRow {
  departmentId: string;
  /** Null for the department's spend not attributed to an agent. */
  agentId: string | null;
  /** YYYY-MM in the organisation's time zone. */
  month: string;
  chargedMicros: number;
}

/**
 * Credits charged per department, agent and calendar month (organisation time zone) in
 * [fromMonth, toMonth]. The one place ROI reads spend from, so that moving it onto the usage
 * rollups changes this file only.
 */
export async function monthlySpend(
  db: DbOrTx,
  params: { orgId: string; timeZone: string; fromMonth: string; toMonth: string; scope: DepartmentScope },
): Promise<MonthlySpendRow[]> {
  if (params.scope !== "all" && params.scope.length === 0) return [];
  const departmentFilter = params.scope === "all" ? sql`${e.departmentId} IS NOT NULL` : inArray(e.departmentId, params.scope);
  const rows = await db.execute<{ department_id: string; agent_id: string | null; month: string; charged: string }>(sql`
    SELECT ${e.departmentId} AS department_id, ${e.agentId} AS agent_id,
           to_char(${e.occurredAt} AT TIME ZONE ${params.timeZone}, 'YYYY-MM') AS month, sum(${e.chargedMicros})::text AS charged
    FROM ${e}
    WHERE ${e.orgId} = ${params.orgId} AND ${departmentFilter}
      AND ${e.occurredAt} >= (to_date(${params.fromMonth}, 'YYYY-MM')::timestamp AT TIME ZONE ${params.timeZone})
      AND ${e.occurredAt} < ((to_date(${params.toMonth}, 'YYYY-MM') + interval '1 month')::timestamp AT TIME ZONE ${params.timeZone})
    GROUP BY 1, 2, 3`);
  return rows.map((row) => ({ departmentId: row.department_id, agentId: row.agent_id, month: row.month, chargedMicros: Number(row.charged) }));
}

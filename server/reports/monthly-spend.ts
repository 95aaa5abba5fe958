import type { DbOrTx } from "../../db/transaction";
import type { Principal } from "../auth/principal";
import type { DepartmentScope } from "./department-scope";
import { spendSeries } from "./rollups";

export interface MonthlySpendRow {
  /** A department's or an agent's id. */
  id: string;
  /** YYYY-MM in the organisation's time zone. */
  month: string;
  chargedMicros: number;
}

export interface MonthlySpend {
  /** All of each department's spend, with or without an agent. */
  departments: MonthlySpendRow[];
  agents: MonthlySpendRow[];
}

/** Every key of a breakdown, never folded into an "other" row. */
const ALL_KEYS = 1_000_000;

/** The last day of a YYYY-MM month, as YYYY-MM-DD. */
function lastDayOf(month: string): string {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
}

/**
 * Credits charged per department, agent and calendar month (organisation time zone) in
 * [fromMonth, toMonth], read from the daily usage rollups (server/reports/rollups.ts). The one
 * place ROI reads spend from. The rollups apply the principal's visibility; `scope` narrows to the
 * departments asked for.
 */
export async function monthlySpend(
  db: DbOrTx,
  principal: Principal,
  params: { fromMonth: string; toMonth: string; scope: DepartmentScope },
): Promise<MonthlySpend> {
  if (params.scope !== "all" && params.scope.length === 0) return { departments: [], agents: [] };
  const query = {
    range: { from: `${params.fromMonth}-01`, to: lastDayOf(params.toMonth) },
    granularity: "month" as const,
    filter: params.scope === "all" ? {} : { department: params.scope },
    top: ALL_KEYS,
  };
  const rows = async (breakdown: "department" | "agent") =>
    (await spendSeries(db, principal, { ...query, breakdown }))
      .filter((point) => point.key !== null)
      .map((point) => ({ id: point.key!, month: point.bucket.slice(0, 7), chargedMicros: point.chargedMicros }));
  const [departments, agents] = await Promise.all([rows("department"), rows("agent")]);
  return { departments, agents };
}

import { formatIsoInZone } from "@/app/_lib/format";
import { toCsv } from "@/server/lib/csv";
import { formatScaled } from "@/server/lib/decimal";
import { grantStatus, type GrantRow } from "./grants-table";

/** Every grant with exact credits and integer micro-credits, times in the organisation's zone. */
export function grantsCsv(grants: GrantRow[], timeZone: string): string {
  const at = (value: Date | null) => (value ? formatIsoInZone(value, timeZone) : "");
  return toCsv(grants, [
    { header: "id", value: (g) => g.id },
    { header: `granted_at (${timeZone})`, value: (g) => at(g.createdAt) },
    { header: "kind", value: (g) => g.kind },
    { header: "priority", value: (g) => g.priority },
    { header: "amount_credits", value: (g) => formatScaled(g.amountMicros, 6) },
    { header: "amount_micros", value: (g) => g.amountMicros },
    { header: "remaining_credits", value: (g) => formatScaled(g.remainingMicros, 6) },
    { header: "remaining_micros", value: (g) => g.remainingMicros },
    { header: `expires_at (${timeZone})`, value: (g) => at(g.expiresAt) },
    { header: `expired_at (${timeZone})`, value: (g) => at(g.expiredAt) },
    { header: "status", value: grantStatus },
    { header: "memo", value: (g) => g.memo },
    { header: "source", value: (g) => g.sourceRef },
  ]);
}

import Link from "next/link";
import { Table, Td, Th } from "@/app/_components/table";
import { formatInteger } from "@/app/_lib/format";
import { primaryLink } from "../_components/button-styles";
import type { ImportSummary } from "./import-summary";

export function ImportResult({ summary }: { summary: ImportSummary }) {
  return (
    <div role="status" className="space-y-3 rounded-lg border border-green-300 bg-green-50 p-4 dark:border-green-900 dark:bg-green-950">
      <p className="text-sm text-green-900 dark:text-green-100">
        <strong>{formatInteger(summary.imported)} models imported</strong> into a new draft
        {summary.skipped.length > 0 ? `; ${formatInteger(summary.skipped.length)} entries skipped (listed below)` : ""}. Check the rates,
        then publish the draft.
      </p>
      <Link href={`/admin/price-book/${summary.versionId}`} className={primaryLink}>
        Open the new draft
      </Link>
      {summary.skipped.length > 0 && (
        <div className="max-h-96 overflow-y-auto">
          <Table caption="Skipped entries">
            <thead>
              <tr>
                <Th>Skipped entry</Th>
                <Th>Reason</Th>
              </tr>
            </thead>
            <tbody>
              {summary.skipped.map((entry) => (
                <tr key={entry.key}>
                  <Td className="font-mono text-xs">{entry.key}</Td>
                  <Td>{entry.reason}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </div>
  );
}

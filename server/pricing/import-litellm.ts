import type { DbOrTx } from "../../db/transaction";
import { invalidInput } from "../lib/errors";
import { convertLitellmPriceMap, type LitellmConversion, type SkippedEntry } from "./litellm-import";
import { createDraft } from "./versions";

export interface LitellmImportResult {
  versionId: string;
  imported: number;
  skipped: SkippedEntry[];
}

/**
 * Imports a LiteLLM price map as a new draft version (operations carried over from the version in
 * force). Publishing stays a separate, deliberate step.
 */
export async function importLitellmDraft(
  db: DbOrTx,
  input: { orgId: string; actor: string; actorMemberId?: string | null; map: unknown; conversion: LitellmConversion; note?: string },
): Promise<LitellmImportResult> {
  const { models, skipped } = convertLitellmPriceMap(input.map, input.conversion);
  if (models.length === 0) {
    throw invalidInput(`The price map has no per-token prices to import (${skipped.length} entries skipped)`);
  }
  const { id } = await createDraft(db, {
    orgId: input.orgId,
    actor: input.actor,
    actorMemberId: input.actorMemberId,
    models,
    note: input.note,
    source: `LiteLLM import: 1 credit = ${input.conversion.creditValueUsd} USD, markup ${input.conversion.markupPercent} %`,
  });
  return { versionId: id, imported: models.length, skipped };
}

import { EmptyState } from "@/app/_components/empty-state";
import { Table, Td, Th } from "@/app/_components/table";
import { formatCredits } from "@/app/_lib/format";
import { formatScaled } from "@/server/lib/decimal";
import { ActionButton } from "../../_components/action-button";
import { EditableRow } from "../../_components/editable-row";
import { removeModelPrice } from "./actions";
import type { PriceVersion } from "./load-version";
import { ModelPriceForm } from "./model-price-form";

type ModelPrice = PriceVersion["models"][number];

const asCredits = (micros: number | null) => (micros === null ? "" : formatScaled(micros, 6));

/** Rates in credits per 1M tokens; a draft's rows can be edited and removed. */
export function ModelsTable({ version }: { version: PriceVersion }) {
  if (version.models.length === 0) {
    return <EmptyState title="No model prices">{version.status === "draft" ? "Add one below." : "This version prices no models."}</EmptyState>;
  }
  const editable = version.status === "draft";
  return (
    <Table caption="Model prices, in credits per 1M tokens">
      <thead>
        <tr>
          <Th>Model</Th>
          <Th>Provider</Th>
          <Th>Mode</Th>
          <Th numeric>Input</Th>
          <Th numeric>Output</Th>
          <Th numeric>Cached input</Th>
          <Th numeric>Cache write</Th>
          {editable && (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          )}
        </tr>
      </thead>
      <tbody>
        {version.models.map((price) =>
          editable ? (
            <EditableRow
              key={price.model}
              columns={8}
              subject={price.model}
              editor={
                <ModelPriceForm
                  versionId={version.id}
                  current={{
                    model: price.model,
                    provider: price.provider,
                    mode: price.mode,
                    input: asCredits(price.inputMicrosPerMillionTokens),
                    output: asCredits(price.outputMicrosPerMillionTokens),
                    cachedInput: asCredits(price.cachedInputMicrosPerMillionTokens),
                    cacheWrite: asCredits(price.cacheWriteMicrosPerMillionTokens),
                  }}
                />
              }
              actions={
                <ActionButton
                  action={removeModelPrice}
                  fields={{ versionId: version.id, model: price.model }}
                  label="Remove"
                  subject={price.model}
                  pendingLabel="Removing…"
                  confirm={{ question: `Remove ${price.model} from this draft?`, confirmLabel: "Remove" }}
                />
              }
            >
              <ModelCells price={price} />
            </EditableRow>
          ) : (
            <tr key={price.model}>
              <ModelCells price={price} />
            </tr>
          ),
        )}
      </tbody>
    </Table>
  );
}

function ModelCells({ price }: { price: ModelPrice }) {
  const sameAsInput = <span className="text-gray-500 dark:text-gray-400">= input rate</span>;
  return (
    <>
      <Td className="font-mono text-xs">{price.model}</Td>
      <Td>{price.provider || "—"}</Td>
      <Td>{price.mode}</Td>
      <Td numeric>{formatCredits(price.inputMicrosPerMillionTokens)}</Td>
      <Td numeric>{formatCredits(price.outputMicrosPerMillionTokens)}</Td>
      <Td numeric>{price.cachedInputMicrosPerMillionTokens === null ? sameAsInput : formatCredits(price.cachedInputMicrosPerMillionTokens)}</Td>
      <Td numeric>{price.cacheWriteMicrosPerMillionTokens === null ? sameAsInput : formatCredits(price.cacheWriteMicrosPerMillionTokens)}</Td>
    </>
  );
}

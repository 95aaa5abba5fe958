import { EmptyState } from "@/app/_components/empty-state";
import { Table, Td, Th } from "@/app/_components/table";
import { formatCredits } from "@/app/_lib/format";
import { formatScaled } from "@/server/lib/decimal";
import { EditableRow } from "../../_components/editable-row";
import type { PriceVersion } from "./load-version";
import { OperationPriceForm } from "./operation-price-form";

type OperationPrice = PriceVersion["operations"][number];

/** Platform operations in credits per unit; a draft's can be edited. */
export function OperationsTable({ version }: { version: PriceVersion }) {
  if (version.operations.length === 0) return <EmptyState title="No operation prices" />;
  const editable = version.status === "draft";
  return (
    <Table caption="Operation prices, in credits per unit">
      <thead>
        <tr>
          <Th>Operation</Th>
          <Th>Description</Th>
          <Th>Unit</Th>
          <Th numeric>Credits per unit</Th>
          {editable && (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          )}
        </tr>
      </thead>
      <tbody>
        {version.operations.map((price) =>
          editable ? (
            <EditableRow
              key={price.operation}
              columns={5}
              subject={price.operation}
              editor={
                <OperationPriceForm
                  versionId={version.id}
                  current={{ operation: price.operation, unit: price.unit, description: price.description, price: formatScaled(price.microsPerUnit, 6) }}
                />
              }
            >
              <OperationCells price={price} />
            </EditableRow>
          ) : (
            <tr key={price.operation}>
              <OperationCells price={price} />
            </tr>
          ),
        )}
      </tbody>
    </Table>
  );
}

function OperationCells({ price }: { price: OperationPrice }) {
  return (
    <>
      <Td className="font-mono text-xs">{price.operation}</Td>
      <Td>{price.description}</Td>
      <Td>{price.unit}</Td>
      <Td numeric>{formatCredits(price.microsPerUnit)}</Td>
    </>
  );
}

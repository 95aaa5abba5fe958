import { Table, Td, Th } from "@/app/_components/table";
import type { getVersion } from "@/server/pricing/versions";
import { RateCell, type CreditPrice } from "./rate-cell";

type PriceVersion = Awaited<ReturnType<typeof getVersion>>;

function Name({ name, detail }: { name: string; detail: string }) {
  return (
    <>
      <span className="font-medium">{name}</span>
      <span className="block text-xs text-gray-500 dark:text-gray-400">{detail}</span>
    </>
  );
}

/** Each model's token rates, credits per 1M tokens. */
export function ModelRatesTable({ models, version, price }: { models: PriceVersion["models"]; version: PriceVersion; price: CreditPrice }) {
  return (
    <Table caption={`Model rates, price version ${version.version}`}>
      <thead>
        <tr>
          <Th>Model</Th>
          <Th numeric>Input</Th>
          <Th numeric>Cached input</Th>
          <Th numeric>Cache write</Th>
          <Th numeric>Output</Th>
        </tr>
      </thead>
      <tbody>
        {models.map((model) => (
          <tr key={model.model} data-testid={`model-${model.model}`}>
            <Td>
              <Name name={model.model} detail={[model.provider, model.mode].filter(Boolean).join(" · ")} />
            </Td>
            {[
              model.inputMicrosPerMillionTokens,
              model.cachedInputMicrosPerMillionTokens,
              model.cacheWriteMicrosPerMillionTokens,
              model.outputMicrosPerMillionTokens,
            ].map((micros, column) => (
              <Td key={column} numeric>
                <RateCell micros={micros} price={price} />
              </Td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Each platform operation's rate, credits per unit. */
export function OperationRatesTable({ version, price }: { version: PriceVersion; price: CreditPrice }) {
  return (
    <Table caption={`Operation rates, price version ${version.version}`}>
      <thead>
        <tr>
          <Th>Operation</Th>
          <Th>Unit</Th>
          <Th numeric>Per unit</Th>
        </tr>
      </thead>
      <tbody>
        {version.operations.map((operation) => (
          <tr key={operation.operation} data-testid={`operation-${operation.operation}`}>
            <Td>
              <Name name={operation.operation} detail={operation.description} />
            </Td>
            <Td>{operation.unit}</Td>
            <Td numeric>
              <RateCell micros={operation.microsPerUnit} price={price} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

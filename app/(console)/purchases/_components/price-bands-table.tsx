import { Table, Td, Th } from "@/app/_components/table";
import { formatCredits } from "@/app/_lib/format";
import type { PriceBand } from "@/server/purchases/quote-math";
import { unitPrice } from "@/server/purchases/quote-view";

/** The graduated schedule: each band's credits cost its price, whatever the size of the purchase. */
export function PriceBandsTable({ bands, currency }: { bands: PriceBand[]; currency: string }) {
  return (
    <Table caption="Price per credit by position in the purchase (graduated)">
      <thead>
        <tr>
          <Th>Credits in the purchase</Th>
          <Th numeric>Price per credit</Th>
        </tr>
      </thead>
      <tbody>
        {bands.map((band, index) => (
          <tr key={band.fromMicros}>
            <Td>
              {band.toMicros === null
                ? index === 0
                  ? "Every credit"
                  : `Beyond ${formatCredits(band.fromMicros)}`
                : `${index === 0 ? "The first" : `${formatCredits(band.fromMicros)} to`} ${formatCredits(band.toMicros)}`}
            </Td>
            <Td numeric>{unitPrice(band.priceMinorPerMillion, currency)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

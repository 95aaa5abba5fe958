import { Column } from "@react-email/column";
import { Row } from "@react-email/row";

/** One labelled figure (a label on the left, its value on the right), for the numbers of an alert. */
export function FigureRow({ label, value }: { label: string; value: string }) {
  return (
    <Row style={{ borderBottom: "1px solid #e5e7eb" }}>
      <Column style={{ color: "#6b7280", fontSize: "14px", padding: "8px 0", width: "45%" }}>{label}</Column>
      <Column style={{ color: "#111827", fontSize: "14px", fontWeight: 600, padding: "8px 0", textAlign: "right" }}>{value}</Column>
    </Row>
  );
}

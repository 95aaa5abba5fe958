import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import { money } from "./_components/money";
import type { EmailContext, PurchaseDecisionPayload } from "../server/outbox/email-payloads";
import { EmailLayout, textStyle } from "./_components/email-layout";
import { FigureRow } from "./_components/figure-row";
import { credits } from "./_components/format";

export type PurchaseDecisionEmailProps = PurchaseDecisionPayload & EmailContext;

const OUTCOME: Record<PurchaseDecisionPayload["decision"], string> = {
  approved: "was approved",
  rejected: "was rejected",
  expired: "expired without a decision",
};

export const purchaseDecisionSubject = (props: PurchaseDecisionPayload) =>
  `Your purchase of ${credits(props.creditsMicros)} ${OUTCOME[props.decision]}`;

/** To the requester: their purchase request was approved, rejected, or expired. */
export default function PurchaseDecisionEmail(props: PurchaseDecisionEmailProps) {
  const next =
    props.decision === "approved"
      ? `${props.invoiceNumber ? `Invoice ${props.invoiceNumber} has been issued. ` : ""}The credits are added to the balance as soon as finance records the payment.`
      : props.decision === "rejected"
        ? "No credits were bought. You may send a new request."
        : "Nobody decided in time, so no credits were bought. You may send a new request.";
  return (
    <EmailLayout
      preview={`${money(props.totalMinor, props.currency)}: ${props.decision}`}
      heading={`Your credit purchase ${OUTCOME[props.decision]}`}
      organizationName={props.organizationName}
      appUrl={props.appUrl}
      action={{ label: "Open the purchase", href: `${props.appUrl}/purchases/${props.purchaseId}` }}
    >
      <Text style={textStyle}>{next}</Text>
      <Section>
        <FigureRow label="Credits" value={credits(props.creditsMicros)} />
        <FigureRow label="Total" value={money(props.totalMinor, props.currency)} />
        {props.decidedBy ? <FigureRow label="Decided by" value={props.decidedBy} /> : null}
        {props.comment ? <FigureRow label="Comment" value={props.comment} /> : null}
        {props.invoiceNumber ? <FigureRow label="Invoice" value={props.invoiceNumber} /> : null}
      </Section>
    </EmailLayout>
  );
}

PurchaseDecisionEmail.PreviewProps = {
  purchaseId: "0195f3a0-0000-7000-8000-0000000000c1",
  decision: "approved",
  creditsMicros: 500_000_000_000,
  totalMinor: 460_000,
  currency: "USD",
  decidedBy: "Fran Finance",
  comment: "Within the quarter's plan",
  invoiceNumber: "INV-2026-000042",
  appUrl: "http://localhost:3000",
  organizationName: "Demo Company",
  timeZone: "Europe/Berlin",
} satisfies PurchaseDecisionEmailProps;

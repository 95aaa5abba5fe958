import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import { money } from "./_components/money";
import type { AutoTopUpPayload, EmailContext } from "../server/outbox/email-payloads";
import { EmailLayout, textStyle } from "./_components/email-layout";
import { FigureRow } from "./_components/figure-row";
import { credits } from "./_components/format";

export type AutoTopUpEmailProps = AutoTopUpPayload & EmailContext;

export const autoTopUpSubject = (props: AutoTopUpPayload) =>
  props.event === "purchase_started"
    ? `Auto top-up: buying ${credits(props.creditsMicros)} for ${money(props.totalMinor, props.currency)}`
    : props.event === "approval_requested"
      ? `Auto top-up is waiting for finance approval (${money(props.totalMinor, props.currency)})`
      : `Auto top-up stopped: the monthly cap of ${money(props.monthlyCapMinor, props.currency)} is reached`;

const WHAT: Record<AutoTopUpPayload["event"], string> = {
  purchase_started:
    "The available credits fell below the auto top-up threshold, so Allot started buying the configured block. The credits are added once the invoice is recorded as paid.",
  approval_requested:
    "The available credits fell below the auto top-up threshold, but the block costs at least the approval threshold, so Allot opened a purchase request for finance instead of buying.",
  cap_reached:
    "The available credits fell below the auto top-up threshold, but buying another block would take this month's auto top-ups past the monthly cap, so nothing was bought. Buy credits by hand or raise the cap.",
};

/** To the administrators: what auto top-up did when the balance fell below its threshold. */
export default function AutoTopUpEmail(props: AutoTopUpEmailProps) {
  return (
    <EmailLayout
      preview={`Available: ${credits(props.availableMicros)}`}
      heading={autoTopUpSubject(props)}
      organizationName={props.organizationName}
      appUrl={props.appUrl}
      action={
        props.purchaseId
          ? { label: "Open the purchase", href: `${props.appUrl}/purchases/${props.purchaseId}` }
          : { label: "Open the purchases", href: `${props.appUrl}/purchases` }
      }
    >
      <Text style={textStyle}>{WHAT[props.event]}</Text>
      <Section>
        <FigureRow label="Available" value={credits(props.availableMicros)} />
        <FigureRow label="Threshold" value={credits(props.thresholdMicros)} />
        <FigureRow label="Block" value={`${credits(props.creditsMicros)} for ${money(props.totalMinor, props.currency)}`} />
        <FigureRow label={`Auto top-ups in ${props.month}`} value={`${money(props.boughtThisMonthMinor, props.currency)} of ${money(props.monthlyCapMinor, props.currency)}`} />
        {props.invoiceNumber ? <FigureRow label="Invoice" value={props.invoiceNumber} /> : null}
      </Section>
    </EmailLayout>
  );
}

AutoTopUpEmail.PreviewProps = {
  event: "purchase_started",
  purchaseId: "0195f3a0-0000-7000-8000-0000000000c2",
  creditsMicros: 100_000_000_000,
  totalMinor: 100_000,
  currency: "USD",
  availableMicros: 9_500_000_000,
  thresholdMicros: 10_000_000_000,
  monthlyCapMinor: 500_000,
  boughtThisMonthMinor: 100_000,
  month: "2026-04",
  invoiceNumber: "INV-2026-000043",
  appUrl: "http://localhost:3000",
  organizationName: "Demo Company",
  timeZone: "Europe/Berlin",
} satisfies AutoTopUpEmailProps;

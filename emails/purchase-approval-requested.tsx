import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import { money } from "./_components/money";
import type { EmailContext, PurchaseApprovalRequestedPayload } from "../server/outbox/email-payloads";
import { EmailLayout, textStyle } from "./_components/email-layout";
import { FigureRow } from "./_components/figure-row";
import { credits, dateTime } from "./_components/format";

export type PurchaseApprovalRequestedEmailProps = PurchaseApprovalRequestedPayload & EmailContext;

export const purchaseApprovalRequestedSubject = (props: PurchaseApprovalRequestedPayload) =>
  `Approval needed: ${props.requestedBy} asks to buy ${credits(props.creditsMicros)} for ${money(props.totalMinor, props.currency)}`;

/** To each finance member but the requester: a purchase at or above the approval threshold waits for a decision. */
export default function PurchaseApprovalRequestedEmail(props: PurchaseApprovalRequestedEmailProps) {
  return (
    <EmailLayout
      preview={`${money(props.totalMinor, props.currency)} waiting for finance approval`}
      heading="A credit purchase needs your approval"
      organizationName={props.organizationName}
      appUrl={props.appUrl}
      action={{ label: "Open the approvals inbox", href: `${props.appUrl}/approvals` }}
    >
      <Text style={textStyle}>
        {props.source === "auto_top_up"
          ? `Auto top-up wants to buy a block of credits for ${props.organizationName}, and the amount is at or above the approval threshold.`
          : `${props.requestedBy} asks to buy credits for ${props.organizationName}, and the amount is at or above the approval threshold.`}{" "}
        {props.requiredApprovals === 2
          ? "It needs two different finance approvers."
          : "It needs one finance approver."}{" "}
        Nobody can approve their own request.
      </Text>
      <Section>
        <FigureRow label="Credits" value={credits(props.creditsMicros)} />
        <FigureRow label="Total" value={money(props.totalMinor, props.currency)} />
        <FigureRow label="Requested by" value={props.requestedBy} />
        {props.note ? <FigureRow label="Note" value={props.note} /> : null}
        <FigureRow label="Expires" value={props.expiresAt ? dateTime(props.expiresAt, props.timeZone) : "Never"} />
      </Section>
    </EmailLayout>
  );
}

PurchaseApprovalRequestedEmail.PreviewProps = {
  purchaseId: "0195f3a0-0000-7000-8000-0000000000c1",
  source: "request",
  requestedBy: "Morgan Member",
  creditsMicros: 500_000_000_000,
  totalMinor: 460_000,
  currency: "USD",
  requiredApprovals: 1,
  note: "Q3 agent roll-out",
  expiresAt: "2026-04-03T09:30:00.000Z",
  appUrl: "http://localhost:3000",
  organizationName: "Demo Company",
  timeZone: "Europe/Berlin",
} satisfies PurchaseApprovalRequestedEmailProps;

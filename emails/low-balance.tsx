import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import type { EmailContext, LowBalancePayload } from "../server/outbox/email-payloads";
import { EmailLayout, textStyle } from "./_components/email-layout";
import { FigureRow } from "./_components/figure-row";
import { credits } from "./_components/format";

export type LowBalanceEmailProps = LowBalancePayload & EmailContext;

export const lowBalanceSubject = (props: LowBalancePayload) => `Credit balance is low: ${credits(props.availableMicros)} available`;

/** The organisation's available credits fell below its low-balance threshold. */
export default function LowBalanceEmail(props: LowBalanceEmailProps) {
  return (
    <EmailLayout
      preview={`Below the alert threshold of ${credits(props.thresholdMicros)}`}
      heading="Your credit balance is low"
      organizationName={props.organizationName}
      appUrl={props.appUrl}
      action={{ label: "Open Allot", href: `${props.appUrl}/` }}
    >
      <Text style={textStyle}>
        The credits available to {props.organizationName} have fallen below the alert threshold. When they run out, usage is refused; buy
        credits or ask finance to approve a purchase before that happens.
      </Text>
      <Section>
        <FigureRow label="Available" value={credits(props.availableMicros)} />
        <FigureRow label="Alert threshold" value={credits(props.thresholdMicros)} />
      </Section>
    </EmailLayout>
  );
}

LowBalanceEmail.PreviewProps = {
  alertId: "0195f3a0-0000-7000-8000-000000000003",
  availableMicros: 42_500_001,
  thresholdMicros: 100_000_000,
  appUrl: "http://localhost:3000",
  organizationName: "Demo Company",
  timeZone: "Europe/Berlin",
} satisfies LowBalanceEmailProps;

import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import type { BudgetAlertPayload, EmailContext } from "../server/outbox/email-payloads";
import { budgetHref, SCOPE_WORDS } from "./_components/budget-labels";
import { EmailLayout, textStyle } from "./_components/email-layout";
import { FigureRow } from "./_components/figure-row";
import { credits, dateTime, percentOf } from "./_components/format";

export type BudgetThresholdEmailProps = BudgetAlertPayload & EmailContext;

export const budgetThresholdSubject = (props: BudgetAlertPayload) =>
  `Budget "${props.budgetName}" has reached ${props.thresholdPercent} % of its limit`;

/** A budget crossed one of its alert thresholds below 100 %. */
export default function BudgetThresholdEmail(props: BudgetThresholdEmailProps) {
  const projected = props.projectedExhaustionAt ? dateTime(props.projectedExhaustionAt, props.timeZone) : "Not before the period ends";
  return (
    <EmailLayout
      preview={`${credits(props.spentMicros)} of ${credits(props.limitMicros)} spent`}
      heading={budgetThresholdSubject(props)}
      organizationName={props.organizationName}
      appUrl={props.appUrl}
      action={{ label: "Open the budget", href: budgetHref(props.appUrl, props.budgetId) }}
    >
      <Text style={textStyle}>
        Spend on {SCOPE_WORDS[props.scope]} has passed the {props.thresholdPercent} % alert threshold of the budget “{props.budgetName}” for
        the current period.{" "}
        {props.mode === "pause"
          ? "When the limit is reached, spending in its scope is paused until the period ends."
          : "This budget only alerts: spending is not stopped at the limit."}
      </Text>
      <Section>
        <FigureRow label="Spent" value={credits(props.spentMicros)} />
        <FigureRow label="Limit" value={credits(props.limitMicros)} />
        <FigureRow label="Of the limit" value={percentOf(props.spentMicros, props.limitMicros)} />
        <FigureRow label="Period ends" value={dateTime(props.periodEnd, props.timeZone)} />
        <FigureRow label="Limit reached at this rate" value={projected} />
      </Section>
    </EmailLayout>
  );
}

BudgetThresholdEmail.PreviewProps = {
  alertId: "0195f3a0-0000-7000-8000-000000000001",
  budgetId: "0195f3a0-0000-7000-8000-0000000000b1",
  budgetName: "Customer support — monthly",
  scope: "department",
  mode: "alert",
  thresholdPercent: 75,
  spentMicros: 7_512_345_678,
  limitMicros: 10_000_000_000,
  periodStart: "2026-02-28T23:00:00.000Z",
  periodEnd: "2026-03-31T22:00:00.000Z",
  projectedExhaustionAt: "2026-03-24T18:30:00.000Z",
  appUrl: "http://localhost:3000",
  organizationName: "Demo Company",
  timeZone: "Europe/Berlin",
} satisfies BudgetThresholdEmailProps;

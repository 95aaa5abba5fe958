import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import type { BudgetAlertPayload, EmailContext } from "../server/outbox/email-payloads";
import { budgetHref, SCOPE_WORDS } from "./_components/budget-labels";
import { EmailLayout, textStyle } from "./_components/email-layout";
import { FigureRow } from "./_components/figure-row";
import { credits, dateTime, percentOf } from "./_components/format";

export type BudgetExhaustedEmailProps = BudgetAlertPayload & EmailContext;

export const budgetExhaustedSubject = (props: BudgetAlertPayload) =>
  props.mode === "pause"
    ? `Budget "${props.budgetName}" is exhausted: spending is paused`
    : `Budget "${props.budgetName}" has reached its limit`;

/** A budget reached 100 % of its limit; a pause budget now refuses spend in its scope. */
export default function BudgetExhaustedEmail(props: BudgetExhaustedEmailProps) {
  const periodEnd = dateTime(props.periodEnd, props.timeZone);
  return (
    <EmailLayout
      preview={`${credits(props.spentMicros)} of ${credits(props.limitMicros)} spent`}
      heading={budgetExhaustedSubject(props)}
      organizationName={props.organizationName}
      appUrl={props.appUrl}
      action={{ label: "Open the budget", href: budgetHref(props.appUrl, props.budgetId) }}
    >
      {props.mode === "pause" ? (
        <Text style={textStyle}>
          The budget “{props.budgetName}” on {SCOPE_WORDS[props.scope]} has reached its limit. Spending in its scope is paused: new usage and
          reservations are refused until the period ends on {periodEnd}, unless an administrator raises the limit or resumes the budget.
        </Text>
      ) : (
        <Text style={textStyle}>
          The budget “{props.budgetName}” on {SCOPE_WORDS[props.scope]} has reached its limit. It only alerts, so spending continues; raise the
          limit or switch it to pause if spending should stop.
        </Text>
      )}
      <Section>
        <FigureRow label="Spent" value={credits(props.spentMicros)} />
        <FigureRow label="Limit" value={credits(props.limitMicros)} />
        <FigureRow label="Of the limit" value={percentOf(props.spentMicros, props.limitMicros)} />
        <FigureRow label="Period ends" value={periodEnd} />
      </Section>
    </EmailLayout>
  );
}

BudgetExhaustedEmail.PreviewProps = {
  alertId: "0195f3a0-0000-7000-8000-000000000002",
  budgetId: "0195f3a0-0000-7000-8000-0000000000b1",
  budgetName: "Customer support — monthly",
  scope: "department",
  mode: "pause",
  thresholdPercent: 100,
  spentMicros: 10_000_250_000,
  limitMicros: 10_000_000_000,
  periodStart: "2026-02-28T23:00:00.000Z",
  periodEnd: "2026-03-31T22:00:00.000Z",
  projectedExhaustionAt: "2026-03-27T09:15:00.000Z",
  appUrl: "http://localhost:3000",
  organizationName: "Demo Company",
  timeZone: "Europe/Berlin",
} satisfies BudgetExhaustedEmailProps;

import { render } from "@react-email/render";
import { createElement, type ReactElement } from "react";
import type { z } from "zod";
import BudgetExhaustedEmail, { budgetExhaustedSubject } from "../../emails/budget-exhausted";
import BudgetThresholdEmail, { budgetThresholdSubject } from "../../emails/budget-threshold";
import LowBalanceEmail, { lowBalanceSubject } from "../../emails/low-balance";
import TestMessageEmail, { testMessageSubject } from "../../emails/test-message";
import AutoTopUpEmail, { autoTopUpSubject } from "../../emails/auto-top-up";
import PurchaseApprovalRequestedEmail, { purchaseApprovalRequestedSubject } from "../../emails/purchase-approval-requested";
import MemberInviteEmail, { memberInviteSubject } from "../../emails/member-invite";
import PurchaseDecisionEmail, { purchaseDecisionSubject } from "../../emails/purchase-decision";
import { EMAIL_PAYLOAD_SCHEMAS, type EmailContext } from "./email-payloads";
import type { EmailTemplate } from "./enqueue";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** Rendering either gives the e-mail or says why this message can never be rendered. */
export type RenderResult = { ok: true; email: RenderedEmail } | { ok: false; reason: string };

interface TemplateDefinition<Payload> {
  schema: z.ZodType<Payload>;
  subject(payload: Payload): string;
  component(props: Payload & EmailContext): ReactElement;
}

const define = <Payload>(definition: TemplateDefinition<Payload>) => definition;

const TEMPLATES = {
  "budget-threshold": define({ schema: EMAIL_PAYLOAD_SCHEMAS["budget-threshold"], subject: budgetThresholdSubject, component: BudgetThresholdEmail }),
  "budget-exhausted": define({ schema: EMAIL_PAYLOAD_SCHEMAS["budget-exhausted"], subject: budgetExhaustedSubject, component: BudgetExhaustedEmail }),
  "low-balance": define({ schema: EMAIL_PAYLOAD_SCHEMAS["low-balance"], subject: lowBalanceSubject, component: LowBalanceEmail }),
  "test-message": define({ schema: EMAIL_PAYLOAD_SCHEMAS["test-message"], subject: testMessageSubject, component: TestMessageEmail }),
  "purchase-approval-requested": define({
    schema: EMAIL_PAYLOAD_SCHEMAS["purchase-approval-requested"],
    subject: purchaseApprovalRequestedSubject,
    component: PurchaseApprovalRequestedEmail,
  }),
  "purchase-decision": define({ schema: EMAIL_PAYLOAD_SCHEMAS["purchase-decision"], subject: purchaseDecisionSubject, component: PurchaseDecisionEmail }),
  "auto-top-up": define({ schema: EMAIL_PAYLOAD_SCHEMAS["auto-top-up"], subject: autoTopUpSubject, component: AutoTopUpEmail }),
  "member-invite": define({ schema: EMAIL_PAYLOAD_SCHEMAS["member-invite"], subject: memberInviteSubject, component: MemberInviteEmail }),
} satisfies Record<EmailTemplate, unknown>;

type Parsed = { ok: true; definition: TemplateDefinition<unknown>; payload: unknown } | { ok: false; reason: string };

function parse(template: string, payload: unknown): Parsed {
  if (!Object.hasOwn(TEMPLATES, template)) return { ok: false, reason: `Unknown e-mail template "${template}"` };
  const definition = TEMPLATES[template as EmailTemplate] as TemplateDefinition<unknown>;
  const parsed = definition.schema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `Invalid payload for "${template}": ${issue ? `${issue.path.join(".") || "payload"}: ${issue.message}` : "rejected"}` };
  }
  return { ok: true, definition, payload: parsed.data };
}

/** The subject alone (no rendering), for lists of messages; a message that cannot render says why. */
export function emailSubject(template: string, payload: unknown): string {
  const parsed = parse(template, payload);
  return parsed.ok ? parsed.definition.subject(parsed.payload) : `(cannot render: ${parsed.reason})`;
}

/** A queued e-mail as it is sent: subject, HTML and plain text, from its template and payload. */
export async function renderEmail(template: string, payload: unknown, context: EmailContext): Promise<RenderResult> {
  const parsed = parse(template, payload);
  if (!parsed.ok) return parsed;
  const element = createElement(parsed.definition.component, { ...(parsed.payload as object), ...context });
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { ok: true, email: { subject: parsed.definition.subject(parsed.payload), html, text } };
}

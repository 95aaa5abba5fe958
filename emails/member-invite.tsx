import { Text } from "@react-email/text";
import { roleLabel } from "../app/(console)/admin/_lib/roles";
import type { EmailContext, MemberInvitePayload } from "../server/outbox/email-payloads";
import { EmailLayout, textStyle } from "./_components/email-layout";
import { dateTime } from "./_components/format";

export type MemberInviteEmailProps = MemberInvitePayload & EmailContext;

export const memberInviteSubject = (props: MemberInvitePayload) => `${props.invitedBy} invited you to Allot`;

/** An invitation to join the organisation with a role; the link signs the person in and makes them a member. */
export default function MemberInviteEmail(props: MemberInviteEmailProps) {
  return (
    <EmailLayout
      preview={`Join ${props.organizationName} on Allot as ${roleLabel(props.role)}`}
      heading={`Join ${props.organizationName} on Allot`}
      organizationName={props.organizationName}
      appUrl={props.appUrl}
      action={{ label: "Accept the invitation", href: `${props.appUrl}/invite/${props.token}` }}
    >
      <Text style={textStyle}>
        {props.invitedBy} invited you to {props.organizationName}&apos;s credits and AI-spend console as {roleLabel(props.role)}. Accept
        with the button below; you sign in with your company account.
      </Text>
      <Text style={textStyle}>The link works once, until {dateTime(props.expiresAt, props.timeZone)}.</Text>
    </EmailLayout>
  );
}

MemberInviteEmail.PreviewProps = {
  inviteId: "0195f3a0-0000-7000-8000-000000000009",
  token: "inv_preview-token-0123456789abcdef",
  role: "finance",
  invitedBy: "Ada Admin",
  expiresAt: "2026-04-08T09:00:00Z",
  appUrl: "http://localhost:3000",
  organizationName: "Demo Company",
  timeZone: "Europe/Berlin",
} satisfies MemberInviteEmailProps;

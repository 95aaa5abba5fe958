import { Text } from "@react-email/text";
import type { EmailContext, TestMessagePayload } from "../server/outbox/email-payloads";
import { EmailLayout, textStyle } from "./_components/email-layout";

export type TestMessageEmailProps = TestMessagePayload & EmailContext;

export const testMessageSubject = () => "Allot test e-mail";

/** Sent on request from the deliveries page, to check that e-mail reaches people. */
export default function TestMessageEmail(props: TestMessageEmailProps) {
  return (
    <EmailLayout
      preview="E-mail delivery from Allot works."
      heading="E-mail delivery works"
      organizationName={props.organizationName}
      appUrl={props.appUrl}
      action={{ label: "Open Allot", href: `${props.appUrl}/` }}
    >
      <Text style={textStyle}>
        {props.requestedBy} asked Allot to send this test e-mail. Budget and low-balance alerts for {props.organizationName} reach you the same
        way.
      </Text>
    </EmailLayout>
  );
}

TestMessageEmail.PreviewProps = {
  requestedBy: "Ada Admin",
  appUrl: "http://localhost:3000",
  organizationName: "Demo Company",
  timeZone: "Europe/Berlin",
} satisfies TestMessageEmailProps;

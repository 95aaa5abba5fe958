import { Body } from "@react-email/body";
import { Button } from "@react-email/button";
import { Container } from "@react-email/container";
import { Head } from "@react-email/head";
import { Heading } from "@react-email/heading";
import { Hr } from "@react-email/hr";
import { Html } from "@react-email/html";
import { Link } from "@react-email/link";
import { Preview } from "@react-email/preview";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import type { ReactNode } from "react";

const colors = { ink: "#111827", muted: "#6b7280", line: "#e5e7eb", brand: "#4f46e5", page: "#f3f4f6" };

export const textStyle = { color: colors.ink, fontSize: "15px", lineHeight: "22px", margin: "0 0 12px" };

/** The frame of every Allot e-mail: header, a headline, the body, one call to action and the footer. */
export function EmailLayout(props: {
  preview: string;
  heading: string;
  organizationName: string;
  appUrl: string;
  action: { label: string; href: string };
  children: ReactNode;
}) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={{ backgroundColor: colors.page, fontFamily: "-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", border: `1px solid ${colors.line}`, borderRadius: "8px", maxWidth: "560px", padding: "24px 32px" }}>
          <Section>
            <Text style={{ color: colors.brand, fontSize: "18px", fontWeight: 700, letterSpacing: "0.02em", margin: 0 }}>Allot</Text>
            <Text style={{ color: colors.muted, fontSize: "13px", margin: "2px 0 0" }}>{props.organizationName}</Text>
          </Section>
          <Hr style={{ borderColor: colors.line, margin: "16px 0" }} />
          <Heading as="h1" style={{ color: colors.ink, fontSize: "20px", lineHeight: "28px", margin: "0 0 16px" }}>
            {props.heading}
          </Heading>
          {props.children}
          <Section style={{ margin: "24px 0 8px" }}>
            <Button href={props.action.href} style={{ backgroundColor: colors.brand, borderRadius: "6px", color: "#ffffff", fontSize: "14px", fontWeight: 600, padding: "10px 18px" }}>
              {props.action.label}
            </Button>
          </Section>
          <Hr style={{ borderColor: colors.line, margin: "24px 0 12px" }} />
          <Text style={{ color: colors.muted, fontSize: "12px", lineHeight: "18px", margin: 0 }}>
            Sent by <Link href={props.appUrl} style={{ color: colors.muted, textDecoration: "underline" }}>Allot</Link> for {props.organizationName}.
            Amounts are in credits (1 credit = 1,000,000 micro-credits).
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import Link from "next/link";
import { roleLabel } from "@/app/(console)/admin/_lib/roles";
import { formatDateTime } from "@/app/_lib/format";
import { getDb } from "@/db/client";
import { authOptions, signInMethods } from "@/server/auth/auth-options";
import { findInviteByToken, type InviteStatus } from "@/server/identity/invites";
import { withBasePath } from "@/server/lib/base-path";
import { listMemberships } from "@/server/orgs/members";
import { AcceptForm } from "./accept-form";
import { InviteSignInButton } from "./invite-sign-in-button";

export const metadata: Metadata = { title: "Invitation" };

const CLOSED: Record<Exclude<InviteStatus, "pending">, { title: string; text: string }> = {
  expired: { title: "This invitation has expired", text: "Invitation links work for seven days. Ask the administrator who invited you to send it again." },
  revoked: { title: "This invitation was withdrawn", text: "An administrator revoked it. Ask them for a new invitation if you still need access." },
  accepted: { title: "This invitation was already used", text: "Each invitation link works once. If it was you who accepted it, sign in." },
};

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main className="mx-auto my-16 max-w-md space-y-4 rounded-lg border border-gray-200 bg-white p-8 dark:border-gray-800 dark:bg-gray-900">
      <h1 className="text-xl font-semibold">{title}</h1>
      {children}
    </main>
  );
}

/** The page an invitation e-mail links to: who invites whom to what, and one way in. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await findInviteByToken(getDb(), token);
  if (!invite) {
    return (
      <Card title="This invitation link is not valid">
        <p className="text-sm text-gray-600 dark:text-gray-300">Check that the whole link was copied, or ask an administrator for a new invitation.</p>
      </Card>
    );
  }
  const session = await getServerSession(authOptions);
  const memberships = session?.user.id ? await listMemberships(getDb(), session.user.id) : [];
  const joined = memberships.some((membership) => membership.orgId === invite.orgId);
  if (invite.status === "accepted" && joined) {
    return (
      <Card title={`Welcome to ${invite.organizationName}`}>
        <p className="text-sm text-gray-600 dark:text-gray-300">You are a member as {roleLabel(invite.role)}.</p>
        <Link href="/" className="inline-block rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-700">
          Open Allot
        </Link>
      </Card>
    );
  }
  if (invite.status !== "pending") {
    const closed = CLOSED[invite.status];
    return (
      <Card title={closed.title}>
        <p className="text-sm text-gray-600 dark:text-gray-300">{closed.text}</p>
        <Link href="/signin" className="text-sm text-blue-700 underline dark:text-blue-300">
          Go to sign-in
        </Link>
      </Card>
    );
  }
  const methods = signInMethods();
  const callbackUrl = withBasePath(`/invite/${encodeURIComponent(token)}`);
  return (
    <Card title={`Join ${invite.organizationName} on Allot`}>
      <p className="text-sm text-gray-600 dark:text-gray-300">
        {invite.email} is invited as <strong>{roleLabel(invite.role)}</strong>. The link works until{" "}
        {formatDateTime(invite.expiresAt.toISOString(), "UTC")} UTC.
      </p>
      {session?.user.id ? (
        <AcceptForm token={token} email={session.user.email} />
      ) : (
        <div className="space-y-2">
          {methods.oidc && <InviteSignInButton token={token} provider="oidc" label={`Accept with ${methods.oidc}`} callbackUrl={callbackUrl} />}
          {methods.github && <InviteSignInButton token={token} provider="github" label="Accept with GitHub" callbackUrl={callbackUrl} />}
          {!methods.oidc && !methods.github && (
            <p className="text-sm text-gray-600 dark:text-gray-300">No identity provider is configured (AUTH_OIDC_* or AUTH_GITHUB_*); ask an administrator.</p>
          )}
        </div>
      )}
    </Card>
  );
}

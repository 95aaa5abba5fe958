import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { signInMethods } from "@/server/auth/auth-options";
import { withBasePath } from "@/server/lib/base-path";
import { listPeopleWithMemberships } from "@/server/orgs/members";
import { SignInButton } from "./sign-in-button";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  NotProvisioned: "Your account is not provisioned in Allot. Ask an administrator to add you as a member.",
  AccessDenied: "Your account is not provisioned in Allot. Ask an administrator to add you as a member.",
  CredentialsSignin: "That demo user could not be signed in.",
};

const ROLE_LABELS: Record<string, string> = {
  admin: "Administrator",
  finance: "Finance",
  department_head: "Department head",
  member: "Member",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  const { error, callbackUrl = withBasePath("/") } = await searchParams;
  const methods = signInMethods();
  const people = methods.demo ? await listPeopleWithMemberships(getDb()) : [];
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 p-6">
      <div>
        <h1 className="text-2xl font-semibold">Sign in to Allot</h1>
        <p className="text-sm text-gray-500 dark:text-gray-400">Credits, budgets and AI-spend governance.</p>
      </div>
      {error && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {ERRORS[error] ?? "Sign-in failed. Try again."}
        </p>
      )}
      {methods.github && <SignInButton provider="github" label="Continue with GitHub" callbackUrl={callbackUrl} />}
      {methods.oidc && <SignInButton provider="oidc" label={`Continue with ${methods.oidc}`} callbackUrl={callbackUrl} />}
      {methods.demo && (
        <section aria-labelledby="demo-users" className="space-y-2">
          <h2 id="demo-users" className="text-sm font-medium text-gray-700 dark:text-gray-300">
            Development: sign in as a demo user
          </h2>
          {people.length === 0 && <p className="text-sm text-gray-500">No members yet. Run <code>npm run db:seed</code>.</p>}
          <ul className="space-y-2">
            {people.map((person) => (
              <li key={person.email}>
                <SignInButton
                  provider="demo"
                  email={person.email}
                  callbackUrl={callbackUrl}
                  label={`${person.name} — ${ROLE_LABELS[person.role] ?? person.role}, ${person.organizations}`}
                />
              </li>
            ))}
          </ul>
        </section>
      )}
      {!methods.demo && !methods.github && !methods.oidc && (
        <p className="text-sm text-gray-600">No sign-in method is configured. Set AUTH_OIDC_* or AUTH_GITHUB_* (see README).</p>
      )}
    </main>
  );
}

import type { Account, NextAuthOptions, Profile, User } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "../../db/client";
import { demoSignInEnabled, env } from "../env";
import { matchHostIdentity } from "../identity/host-identity";
import { forgetInviteToken, pendingInviteToken } from "../identity/invite-cookie";
import { acceptInvite } from "../identity/invites";
import { withBasePath } from "../lib/base-path";
import { isAppError } from "../lib/errors";
import { findUserByEmail, listMemberships } from "../orgs/members";
import { githubProvider } from "./github-provider";
import { hostIdentityOf } from "./sign-in-identity";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
  }
}

// next-auth reads its own URL (with the base path and /api/auth) from the process environment;
// server/env.ts derives it from NEXTAUTH_URL or ALLOT_PUBLIC_URL and ALLOT_BASE_PATH.
process.env.NEXTAUTH_URL = env.NEXTAUTH_URL;

/** Development demo sign-in: provisioned members by e-mail. */
async function demoUser(email: string | null | undefined) {
  if (!email) return undefined;
  const user = await findUserByEmail(getDb(), email);
  if (!user) return undefined;
  return (await listMemberships(getDb(), user.id)).length > 0 ? user : undefined;
}

interface OidcProfile {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

function oidcProvider(): OAuthConfig<OidcProfile> {
  return {
    id: "oidc",
    name: env.AUTH_OIDC_NAME,
    type: "oauth",
    wellKnown: `${env.AUTH_OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: env.AUTH_OIDC_CLIENT_ID,
    clientSecret: env.AUTH_OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (profile) => ({ id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.email ?? profile.sub }),
  };
}

/** The Allot user this sign-in is, by the matching rule (subject, then verified e-mail); undefined when not provisioned. */
async function allotUserOf(user: User, account: Account | null, profile: Profile | undefined): Promise<string | undefined> {
  const identity = hostIdentityOf(user, account, profile);
  if (!identity) return (await demoUser(user.email))?.id;
  return matchHostIdentity(getDb(), identity);
}

/**
 * A person who is not a member yet may be signing in through an invitation link: the accept page
 * left its token in a cookie. Accepting it makes them a member; a link that no longer works sends
 * them back to its page, which says why.
 */
async function acceptPendingInvite(user: User, account: Account | null, profile: Profile | undefined): Promise<true | string | undefined> {
  const identity = hostIdentityOf(user, account, profile);
  const token = identity && (await pendingInviteToken());
  if (!identity || !token) return undefined;
  await forgetInviteToken();
  try {
    await acceptInvite(getDb(), token, { identity });
    return true;
  } catch (error) {
    if (isAppError(error)) return withBasePath(`/invite/${encodeURIComponent(token)}`);
    throw error;
  }
}

/** A fixed secret is fine for local development only; production refuses to start without NEXTAUTH_SECRET. */
const DEVELOPMENT_SECRET = "allot-development-secret-not-for-production-use";

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET ?? DEVELOPMENT_SECRET,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: withBasePath("/signin"), error: withBasePath("/signin") },
  providers: [
    ...(demoSignInEnabled
      ? [
          CredentialsProvider({
            id: "demo",
            name: "Demo user",
            credentials: { email: { label: "E-mail", type: "email" } },
            async authorize(credentials) {
              if (!demoSignInEnabled) return null;
              const user = await demoUser(credentials?.email);
              return user ? { id: user.id, email: user.email, name: user.name } : null;
            },
          }),
        ]
      : []),
    ...(env.AUTH_GITHUB_ID ? [githubProvider(env.AUTH_GITHUB_ID, env.AUTH_GITHUB_SECRET!)] : []),
    ...(env.AUTH_OIDC_ISSUER ? [oidcProvider()] : []),
  ],
  callbacks: {
    async signIn({ user, account, profile }) {
      if (await allotUserOf(user, account, profile)) return true;
      return (await acceptPendingInvite(user, account, profile)) ?? withBasePath("/signin?error=NotProvisioned");
    },
    async jwt({ token, user, account, profile }) {
      if (user) token.uid = await allotUserOf(user, account, profile);
      return token;
    },
    async session({ session, token }) {
      session.user = { id: token.uid ?? "", email: token.email ?? "", name: token.name ?? "" };
      return session;
    },
  },
};

/** The sign-in methods offered on the sign-in and invitation pages. */
export function signInMethods() {
  return {
    demo: demoSignInEnabled,
    github: Boolean(env.AUTH_GITHUB_ID),
    oidc: env.AUTH_OIDC_ISSUER ? env.AUTH_OIDC_NAME : null,
  };
}

import type { NextAuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import CredentialsProvider from "next-auth/providers/credentials";
import GithubProvider from "next-auth/providers/github";
import { getDb } from "../../db/client";
import { demoSignInEnabled, env } from "../env";
import { findUserByEmail, listMemberships } from "../orgs/members";

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

/** Only people provisioned as members may sign in; the identity provider's e-mail maps them. */
async function provisionedUser(email: string | null | undefined) {
  if (!email) return undefined;
  const user = await findUserByEmail(getDb(), email);
  if (!user) return undefined;
  const memberships = await listMemberships(getDb(), user.id);
  return memberships.length > 0 ? user : undefined;
}

interface OidcProfile {
  sub: string;
  email?: string;
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

/** A fixed secret is fine for local development only; production refuses to start without NEXTAUTH_SECRET. */
const DEVELOPMENT_SECRET = "allot-development-secret-not-for-production-use";

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET ?? DEVELOPMENT_SECRET,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    ...(demoSignInEnabled
      ? [
          CredentialsProvider({
            id: "demo",
            name: "Demo user",
            credentials: { email: { label: "E-mail", type: "email" } },
            async authorize(credentials) {
              if (!demoSignInEnabled) return null;
              const user = await provisionedUser(credentials?.email);
              return user ? { id: user.id, email: user.email, name: user.name } : null;
            },
          }),
        ]
      : []),
    ...(env.AUTH_GITHUB_ID ? [GithubProvider({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET! })] : []),
    ...(env.AUTH_OIDC_ISSUER ? [oidcProvider()] : []),
  ],
  callbacks: {
    async signIn({ user }) {
      return (await provisionedUser(user.email)) ? true : "/signin?error=NotProvisioned";
    },
    async jwt({ token, user }) {
      if (user) token.uid = (await provisionedUser(user.email))?.id;
      return token;
    },
    async session({ session, token }) {
      session.user = { id: token.uid ?? "", email: token.email ?? "", name: token.name ?? "" };
      return session;
    },
  },
};

/** The sign-in methods offered on the sign-in page. */
export function signInMethods() {
  return {
    demo: demoSignInEnabled,
    github: Boolean(env.AUTH_GITHUB_ID),
    oidc: env.AUTH_OIDC_ISSUER ? env.AUTH_OIDC_NAME : null,
  };
}

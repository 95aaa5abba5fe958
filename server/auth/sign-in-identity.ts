import type { Account, Profile, User } from "next-auth";
import type { HostIdentity } from "../identity/host-identity";

/** The host identity next-auth hands over at sign-in (OIDC or GitHub); undefined for the development demo sign-in. */
export function hostIdentityOf(user: User, account: Account | null, profile: Profile | undefined): HostIdentity | undefined {
  if (!account || account.type === "credentials") return undefined;
  const claims = (profile ?? {}) as { email_verified?: unknown };
  return {
    provider: account.provider,
    subject: account.providerAccountId,
    email: user.email ?? null,
    emailVerified: claims.email_verified === true,
    name: user.name ?? null,
  };
}

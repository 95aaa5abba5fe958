import { and, eq, isNull, sql } from "drizzle-orm";
import { members, userIdentities, users } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import { AppError } from "../lib/errors";
import { findUserByEmail } from "../orgs/members";

/** Who the host's identity provider says signed in. */
export interface HostIdentity {
  /** next-auth's provider id ("oidc", "github"). */
  provider: string;
  /** The provider's stable subject (OIDC `sub`, GitHub user id). */
  subject: string;
  email: string | null;
  /** Whether the provider vouches for the e-mail (OIDC `email_verified`; GitHub's verified primary address). */
  emailVerified: boolean;
  name?: string | null;
}

async function hasActiveMembership(db: DbOrTx, userId: string): Promise<boolean> {
  return (await db.$count(members, and(eq(members.userId, userId), isNull(members.removedAt)))) > 0;
}

export async function userBySubject(db: DbOrTx, provider: string, subject: string) {
  const [row] = await db
    .select({ userId: userIdentities.userId })
    .from(userIdentities)
    .where(and(eq(userIdentities.provider, provider), eq(userIdentities.subject, subject)));
  return row?.userId;
}

/**
 * Binds a provider subject to a user. A user has at most one subject per provider, and a subject
 * belongs to one user: binding a different one is refused (someone else's account, or a reused e-mail).
 */
export async function bindIdentity(db: DbOrTx, userId: string, provider: string, subject: string): Promise<void> {
  await db.insert(userIdentities).values({ provider, subject, userId }).onConflictDoNothing();
  const bound = await userBySubject(db, provider, subject);
  const [own] = await db
    .select({ subject: userIdentities.subject })
    .from(userIdentities)
    .where(and(eq(userIdentities.userId, userId), eq(userIdentities.provider, provider)));
  if (bound !== userId || own?.subject !== subject) {
    throw new AppError("CONFLICT", `This ${provider} account is already bound to another Allot user`, { provider });
  }
}

/**
 * The Allot user a host identity signs in as, or undefined when they are not provisioned.
 * Matching rule: the provider subject first; else a verified e-mail of a user with an active
 * membership, whose subject for this provider is then stored (so later e-mail changes at the
 * provider do not matter). An unverified e-mail never matches.
 */
export async function matchHostIdentity(db: DbOrTx, identity: HostIdentity): Promise<string | undefined> {
  const bySubject = await userBySubject(db, identity.provider, identity.subject);
  if (bySubject) {
    if (!(await hasActiveMembership(db, bySubject))) return undefined;
    await db
      .update(userIdentities)
      .set({ lastSignInAt: sql`now()` })
      .where(and(eq(userIdentities.provider, identity.provider), eq(userIdentities.subject, identity.subject)));
    return bySubject;
  }
  if (!identity.email || !identity.emailVerified) return undefined;
  const user = await findUserByEmail(db, identity.email);
  if (!user || !(await hasActiveMembership(db, user.id))) return undefined;
  const [other] = await db
    .select({ subject: userIdentities.subject })
    .from(userIdentities)
    .where(and(eq(userIdentities.userId, user.id), eq(userIdentities.provider, identity.provider)));
  // The e-mail's owner already signs in with another account of this provider: not this one.
  if (other) return undefined;
  await bindIdentity(db, user.id, identity.provider, identity.subject);
  return user.id;
}

/** The user's display fields, for the session. */
export async function userProfile(db: DbOrTx, userId: string) {
  const [user] = await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
  return user;
}

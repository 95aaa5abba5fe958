import { and, desc, eq, like } from "drizzle-orm";
import type { Database } from "../../db/client";
import { outboxMessages } from "../../db/schema";

/** The token of an invitation, read from its latest e-mail's payload — as the invited person reads it from the link. */
export async function findInviteToken(db: Database, orgId: string, inviteId: string): Promise<string> {
  const [message] = await db
    .select({ payload: outboxMessages.payload })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.orgId, orgId), like(outboxMessages.dedupeKey, `invite:${inviteId}:%`)))
    .orderBy(desc(outboxMessages.createdAt));
  if (!message) throw new Error(`No e-mail for invitation ${inviteId}`);
  return (message.payload as { token: string }).token;
}

import { eq } from "drizzle-orm";
import { organizations } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import { env } from "../env";
import { notFound } from "../lib/errors";
import type { EmailContext } from "./email-payloads";

/** What an organisation's e-mails are rendered with: its name, its time zone, and the public URL for links. */
export async function emailContextFor(db: DbOrTx, orgId: string): Promise<EmailContext> {
  const [org] = await db.select({ name: organizations.name, timeZone: organizations.timeZone }).from(organizations).where(eq(organizations.id, orgId));
  if (!org) throw notFound("Organisation", { orgId });
  return { appUrl: env.ALLOT_PUBLIC_URL, organizationName: org.name, timeZone: org.timeZone };
}

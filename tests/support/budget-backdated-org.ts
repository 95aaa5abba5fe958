import type { Database } from "../../db/client";
import { authenticateApiKey, createApiKey } from "../../server/api-keys/api-keys";
import { loadMemberPrincipal, type ApiKeyPrincipal, type MemberPrincipal } from "../../server/auth/principal";
import { addMember } from "../../server/orgs/members";
import { createOrganization } from "../../server/orgs/organizations";
import { createDraft, publishVersion } from "../../server/pricing/versions";
import { callerFor } from "./budget-fixtures";
import { TEST_MODELS, uniqueSlug } from "./fixtures";

export interface BackdatedOrg {
  orgId: string;
  admin: MemberPrincipal;
  /** usage:write and usage:read, for the whole organisation. */
  apiKey: ApiKeyPrincipal;
}

/**
 * An organisation in `timeZone` (set by its administrator through org.updateSettings) whose only
 * price book is in force since `pricesFrom`, so that events may be stamped back to then.
 * createTestOrg publishes at "now", and no version may start before a published one.
 */
export async function createBackdatedOrg(db: Database, options: { timeZone: string; pricesFrom: Date }): Promise<BackdatedOrg> {
  const slug = uniqueSlug("tz");
  const actor = "system";
  const { id: orgId } = await createOrganization(db, { slug, name: `Periods ${slug}`, starterMicros: 1_000_000_000 });
  const { userId } = await addMember(db, { orgId, actor, email: `admin.${slug}@example.test`, name: "Admin", role: "admin" });
  const admin = (await loadMemberPrincipal(db, userId, orgId))!;
  const { id: versionId } = await createDraft(db, { orgId, actor, models: TEST_MODELS, source: "test" });
  await publishVersion(db, { orgId, actor, versionId, effectiveFrom: options.pricesFrom, allowPast: true });
  const { token } = await createApiKey(db, { orgId, actor, name: "periods", scopes: ["usage:write", "usage:read"] });
  const apiKey = (await authenticateApiKey(db, token))!;
  await callerFor(db, admin).org.updateSettings({ timeZone: options.timeZone });
  return { orgId, admin, apiKey };
}

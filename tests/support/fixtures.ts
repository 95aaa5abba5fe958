import { randomBytes } from "node:crypto";
import type { Database } from "../../db/client";
import type { ApiKeyScope } from "../../db/schema";
import { authenticateApiKey, createApiKey } from "../../server/api-keys/api-keys";
import { loadMemberPrincipal, type ApiKeyPrincipal, type MemberPrincipal } from "../../server/auth/principal";
import { createAgent } from "../../server/orgs/agents";
import { createDepartment } from "../../server/orgs/departments";
import { addMember } from "../../server/orgs/members";
import { createOrganization } from "../../server/orgs/organizations";
import { createProject } from "../../server/orgs/projects";
import { createDraft, publishVersion, type ModelPriceInput } from "../../server/pricing/versions";

/** Test models with round rates: small = 1 µcr per input token, 2 per output token. */
export const TEST_MODELS: ModelPriceInput[] = [
  {
    model: "test-small",
    provider: "test",
    inputMicrosPerMillionTokens: 1_000_000,
    outputMicrosPerMillionTokens: 2_000_000,
    cachedInputMicrosPerMillionTokens: 500_000,
    cacheWriteMicrosPerMillionTokens: 1_250_000,
  },
  {
    model: "test-large",
    provider: "test",
    inputMicrosPerMillionTokens: 10_000_000,
    outputMicrosPerMillionTokens: 30_000_000,
    cachedInputMicrosPerMillionTokens: null,
    cacheWriteMicrosPerMillionTokens: null,
  },
];

export interface TestOrg {
  orgId: string;
  slug: string;
  departments: { support: string; sales: string };
  priceVersionId: string;
  admin: MemberPrincipal;
  finance: MemberPrincipal;
  supportHead: MemberPrincipal;
  member: MemberPrincipal;
  /** A key with every scope, for the whole organisation. */
  apiKey: ApiKeyPrincipal & { token: string };
  keyWith(scopes: ApiKeyScope[], departmentId?: string | null): Promise<ApiKeyPrincipal & { token: string }>;
}

export const uniqueSlug = (prefix = "t") => `${prefix}-${randomBytes(5).toString("hex")}`;

/**
 * A complete organisation: departments support and sales, agent support-bot (support, project
 * helpdesk), one member per role, a published price book with TEST_MODELS, and `starterMicros` credits.
 */
export async function createTestOrg(db: Database, options: { starterMicros?: number; pricesFrom?: Date } = {}): Promise<TestOrg> {
  const slug = uniqueSlug();
  const { id: orgId } = await createOrganization(db, { slug, name: `Test ${slug}`, starterMicros: options.starterMicros ?? 1_000_000_000 });
  const actor = "system";
  const support = await createDepartment(db, { orgId, actor, slug: "support", name: "Customer support" });
  const sales = await createDepartment(db, { orgId, actor, slug: "sales", name: "Sales" });
  const helpdesk = await createProject(db, { orgId, actor, slug: "helpdesk", name: "Helpdesk", departmentId: support.id });
  await createAgent(db, { orgId, actor, slug: "support-bot", name: "Support bot", departmentId: support.id, projectId: helpdesk.id });
  await createAgent(db, { orgId, actor, slug: "sales-bot", name: "Sales bot", departmentId: sales.id });

  const person = async (role: MemberPrincipal["role"], headOf: string[] = []) => {
    const { userId } = await addMember(db, {
      orgId,
      actor,
      email: `${role}.${slug}@example.test`,
      name: `${role} of ${slug}`,
      role,
      departmentId: headOf[0] ?? null,
      headOfDepartmentIds: headOf,
    });
    return (await loadMemberPrincipal(db, userId, orgId))!;
  };
  const admin = await person("admin");
  const finance = await person("finance");
  const supportHead = await person("department_head", [support.id]);
  const member = await person("member");

  const { id: priceVersionId } = await createDraft(db, { orgId, actor, models: TEST_MODELS, source: "test" });
  // With `pricesFrom`, the price book is in force since then, so events may be stamped back to it.
  await publishVersion(db, { orgId, actor, versionId: priceVersionId, effectiveFrom: options.pricesFrom, allowPast: options.pricesFrom !== undefined });

  const keyWith = async (scopes: ApiKeyScope[], departmentId: string | null = null) => {
    const { token } = await createApiKey(db, { orgId, actor, name: `key ${scopes.join(",")}`, scopes, departmentId });
    return { ...(await authenticateApiKey(db, token))!, token };
  };
  const apiKey = await keyWith(["usage:write", "usage:read", "pricing:read", "reports:read", "purchases:write"]);
  return { orgId, slug, departments: { support: support.id, sales: sales.id }, priceVersionId, admin, finance, supportHead, member, apiKey, keyWith };
}

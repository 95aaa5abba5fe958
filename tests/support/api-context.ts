import type { Database } from "../../db/client";
import { apiKeyContext, apiKeyFromHeaders } from "../../server/api/api-key-context";
import type { Context } from "../../server/api/trpc";

/** The context of one request, as createRequestContext builds it for API keys, but on the test database. */
export async function apiKeyRequestContext(db: Database, headers: Headers): Promise<Context> {
  return (await apiKeyContext(db, apiKeyFromHeaders(headers))) ?? { db, principal: null };
}

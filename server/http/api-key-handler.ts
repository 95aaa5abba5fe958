import type http from "node:http";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import type { Database } from "../../db/client";
import { apiKeyContext, apiKeyFrom } from "../api/api-key-context";
import { responseHeaders } from "../api/response-meta";
import { appRouter } from "../api/root";
import { withBasePath } from "../lib/base-path";

export const TRPC_PREFIX = withBasePath("/api/trpc/");

/** Whether a request is a sibling app's API call (it presents a key), for the direct path. */
export function isApiKeyCall(req: http.IncomingMessage): boolean {
  return Boolean(req.url?.startsWith(TRPC_PREFIX) && (req.headers.authorization?.startsWith("Bearer ") || req.headers["x-api-key"]));
}

/** The tRPC API for API-key calls on Node's HTTP server: the same router and checks as the Next.js route. */
export function createApiKeyHandler(db: () => Database): http.RequestListener {
  return createHTTPHandler({
    router: appRouter,
    basePath: TRPC_PREFIX,
    responseMeta: ({ errors }) => ({ headers: responseHeaders(errors) }),
    createContext: async ({ req }) =>
      (await apiKeyContext(db(), apiKeyFrom(req.headers.authorization, header(req.headers["x-api-key"])))) ?? { db: db(), principal: null },
  });
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

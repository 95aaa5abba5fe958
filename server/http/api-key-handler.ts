import type http from "node:http";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import type { Database } from "../../db/client";
import { apiKeyContext, apiKeyFrom } from "../api/api-key-context";
import { responseHeaders } from "../api/response-meta";
import { appRouter } from "../api/root";
import { answerSingleCall, singleCallOf } from "./single-call";
import { TRPC_PREFIX } from "./trpc-prefix";

/** Whether a request is a sibling app's API call (it presents a key), for the direct path. */
export function isApiKeyCall(req: http.IncomingMessage): boolean {
  return Boolean(req.url?.startsWith(TRPC_PREFIX) && (req.headers.authorization?.startsWith("Bearer ") || req.headers["x-api-key"]));
}

/**
 * The tRPC API for API-key calls on Node's HTTP server: the same router and checks as the Next.js
 * route. Single JSON calls take the short path (server/http/single-call.ts), the rest tRPC's handler;
 * `shortPath: false` is tRPC's handler alone (tests/db/api-short-path.test.ts compares the two).
 */
export function createApiKeyHandler(db: () => Database, options: { shortPath?: boolean } = {}): http.RequestListener {
  const createContext = async (req: http.IncomingMessage) =>
    (await apiKeyContext(db(), apiKeyFrom(req.headers.authorization, header(req.headers["x-api-key"])))) ?? { db: db(), principal: null };
  const handleWithTrpc = createHTTPHandler({
    router: appRouter,
    basePath: TRPC_PREFIX,
    responseMeta: ({ errors }) => ({ headers: responseHeaders(errors) }),
    createContext: ({ req }) => createContext(req),
  });
  if (options.shortPath === false) return handleWithTrpc;
  return (req, res) => {
    const call = singleCallOf(appRouter, req);
    if (!call) return handleWithTrpc(req, res);
    answerSingleCall(appRouter, call, req, res, () => createContext(req)).catch((error: unknown) => {
      console.error("[api] answering a call failed", error);
      res.destroy();
    });
  };
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

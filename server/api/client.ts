import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import type { AppCode } from "../lib/errors";
import type { AppRouter } from "./root";

/**
 * The typed client for sibling apps. Only types come from the server (`import type`), so a bundle
 * that uses this helper carries @trpc/client and nothing of Allot's server code. No transformer
 * is configured: timestamps arrive as ISO strings, amounts as integer micro-credits.
 */
export type { AppRouter, RouterInputs, RouterOutputs } from "./root";

export interface AllotClientOptions {
  /** Where Allot is served, e.g. https://allot.example.com; the API lives under /api/trpc. */
  url: string;
  /** An API key (`allot_…`), sent as `Authorization: Bearer <key>`. */
  apiKey: string;
  /** A fetch implementation (tests, proxies, retries); the global fetch by default. */
  fetch?: typeof globalThis.fetch;
}

/** Calls made in the same tick share one HTTP request; a long batch of queries is split to keep URLs short. */
const MAX_URL_LENGTH = 2_000;

export function createAllotClient({ url, apiKey, fetch }: AllotClientOptions) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${url.replace(/\/+$/, "")}/api/trpc`,
        headers: { authorization: `Bearer ${apiKey}` },
        fetch,
        maxURLLength: MAX_URL_LENGTH,
      }),
    ],
  });
}

export type AllotClient = ReturnType<typeof createAllotClient>;

/** What a failed call throws: Allot's answer (with `data.appCode`, `data.httpStatus`, `data.details`) or a network failure. */
export type AllotApiError = TRPCClientError<AppRouter>;

export function isAllotApiError(error: unknown): error is AllotApiError {
  return error instanceof TRPCClientError;
}

/** The stable code to branch on (`INSUFFICIENT_CREDITS`, …); undefined when Allot did not answer, e.g. the network failed. */
export function appCodeOf(error: unknown): AppCode | undefined {
  return isAllotApiError(error) ? error.data?.appCode : undefined;
}

/** Verifying Allot's signed webhooks (docs/webhooks.md). */
export { computeSignature, verifyWebhook, WebhookVerificationError, type AllotWebhookEvent } from "../webhooks/verify";

import { withBasePath } from "../lib/base-path";

/** Where the tRPC API is served, under the app's base path. */
export const TRPC_PREFIX = withBasePath("/api/trpc/");

import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createRequestContext } from "@/server/api/context";
import { responseHeaders } from "@/server/api/response-meta";
import { appRouter } from "@/server/api/root";
import { withBasePath } from "@/server/lib/base-path";

/** The endpoint is the prefix of the URL this handler is given: Next.js passes it with the base path in development, without it in production builds. */
const endpointOf = (req: Request) => (new URL(req.url).pathname.startsWith(withBasePath("/api/trpc")) ? withBasePath("/api/trpc") : "/api/trpc");

const handler = (req: Request) =>
  fetchRequestHandler({
    endpoint: endpointOf(req),
    req,
    router: appRouter,
    createContext: () => createRequestContext(req.headers),
    responseMeta: ({ errors }) => ({ headers: responseHeaders(errors) }),
  });

export { handler as GET, handler as POST };

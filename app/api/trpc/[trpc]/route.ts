import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createRequestContext } from "@/server/api/context";
import { responseHeaders } from "@/server/api/response-meta";
import { appRouter } from "@/server/api/root";
import { requestPathWithBasePath, withBasePath } from "@/server/lib/base-path";

const handler = (req: Request) =>
  fetchRequestHandler({
    // The endpoint is the prefix of the URL this handler is given (with or without the base path).
    endpoint: requestPathWithBasePath(new URL(req.url).pathname) === new URL(req.url).pathname ? withBasePath("/api/trpc") : "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createRequestContext(req.headers),
    responseMeta: ({ errors }) => ({ headers: responseHeaders(errors) }),
  });

export { handler as GET, handler as POST };

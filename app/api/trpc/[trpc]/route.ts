import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createRequestContext } from "@/server/api/context";
import { responseHeaders } from "@/server/api/response-meta";
import { appRouter } from "@/server/api/root";
import { withBasePath } from "@/server/lib/base-path";

const handler = (req: Request) =>
  fetchRequestHandler({
    endpoint: withBasePath("/api/trpc"),
    req,
    router: appRouter,
    createContext: () => createRequestContext(req.headers),
    responseMeta: ({ errors }) => ({ headers: responseHeaders(errors) }),
  });

export { handler as GET, handler as POST };

import { initTRPC } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { allotContextForHostUser } from "../../server/api/host-context";
import { appRouter } from "../../server/api/root";
import { allotErrorFormatter, type Context } from "../../server/api/trpc";
import { useTestDatabase } from "../support/database";
import { createTestOrg, uniqueSlug } from "../support/fixtures";

const db = useTestDatabase();

/** A host app's own tRPC setup, as in a monorepo: its context carries Allot's (db, principal) beside its own. */
interface HostContext extends Context {
  hostUser: { sub: string; email: string };
}
const host = initTRPC.context<HostContext>().create({ errorFormatter: allotErrorFormatter });
const hostRouter = host.router({
  whoami: host.procedure.query(({ ctx }) => ctx.hostUser.email),
  echo: host.procedure.input(z.string()).query(({ input }) => input),
  allot: appRouter,
});

async function hostContext(sub: string, email: string): Promise<HostContext> {
  return { hostUser: { sub, email }, ...(await allotContextForHostUser(db, { provider: "oidc", subject: sub, email, emailVerified: true })) };
}

describe("Allot's router merged into a host app's router", () => {
  it("answers the host's procedures and Allot's, as the host user's member and role", async () => {
    const org = await createTestOrg(db);
    const caller = hostRouter.createCaller(await hostContext(`host-${uniqueSlug()}`, org.finance.email));
    expect(await caller.whoami()).toBe(org.finance.email);
    expect((await caller.allot.org.get()).id).toBe(org.orgId);
    expect((await caller.allot.approvals.inbox()).length).toBeGreaterThanOrEqual(0);
    // Finance may not manage API keys: Allot's own checks apply inside the host's router.
    await expect(caller.allot.apiKeys.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("over the host's HTTP endpoint, errors carry Allot's appCode; an unknown host user is UNAUTHORIZED", async () => {
    const org = await createTestOrg(db);
    const call = async (email: string, path: string) => {
      const response = await fetchRequestHandler({
        endpoint: "/api/host",
        req: new Request(`http://host.test/api/host/${path}`),
        router: hostRouter,
        createContext: () => hostContext(`host-${uniqueSlug()}`, email),
      });
      return { status: response.status, body: (await response.json()) as { result?: unknown; error?: { data: { appCode: string } } } };
    };
    const balance = await call(org.admin.email, "allot.credits.balance");
    expect(balance.status).toBe(200);
    const stranger = await call(`nobody.${uniqueSlug()}@example.test`, "allot.credits.balance");
    expect(stranger).toMatchObject({ status: 401, body: { error: { data: { appCode: "UNAUTHORIZED" } } } });
    const member = await call(org.member.email, "allot.apiKeys.list");
    expect(member).toMatchObject({ status: 403, body: { error: { data: { appCode: "FORBIDDEN" } } } });
  });
});

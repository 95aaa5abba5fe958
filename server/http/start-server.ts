import { demoSignInEnabled, devMailboxEnabled } from "../env";
import { startProductionServer } from "./production-server";

/** Entry of the production server, spawned by `npm start` (server/cli/serve.ts) with its environment set. */
const port = Number(process.env.PORT ?? 3000);
const server = await startProductionServer({ port });
console.log(`Allot is listening on http://localhost:${port}`);
// Opted into on purpose (the browser tests' server); said loudly in case it was not.
if (demoSignInEnabled) console.warn("ALLOT_DEMO_SIGN_IN is on: anyone who reaches /signin can sign in as any member, without a password.");
if (devMailboxEnabled) console.warn("ALLOT_DEV_MAILBOX is on: e-mails go to the dev mailbox page, not to their recipients.");

// Stop taking connections, let requests in flight finish (their transactions commit or roll back), then leave.
const stop = () => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 10_000).unref();
  server.closeIdleConnections();
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);

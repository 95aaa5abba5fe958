import { demoSignInEnabled, devMailboxEnabled } from "../env";
import { startProductionServer } from "./production-server";

/** Entry of the production server, spawned by `npm start` (server/cli/serve.ts) with its environment set. */
const port = Number(process.env.PORT ?? 3000);
const { stop } = await startProductionServer({
  port,
  onPagesExit: (reason) => {
    console.error(`The pages process stopped: ${reason}. Stopping the server, for its supervisor to start it again.`);
    process.exit(1);
  },
});
console.log(`Allot is listening on http://localhost:${port}`);
// Opted into on purpose (the browser tests' server); said loudly in case it was not.
if (demoSignInEnabled) console.warn("ALLOT_DEMO_SIGN_IN is on: anyone who reaches /signin can sign in as any member, without a password.");
if (devMailboxEnabled) console.warn("ALLOT_DEV_MAILBOX is on: e-mails go to the dev mailbox page, not to their recipients.");

// Requests in flight finish, then both processes leave (at most ten seconds); a repeated signal changes nothing.
let stopping = false;
const shutdown = () => {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(0), 10_000).unref();
  void stop().then(() => process.exit(0));
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);

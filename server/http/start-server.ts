import { startProductionServer } from "./production-server";

/** Entry of the production server, spawned by `npm start` (server/cli/serve.ts) with its environment set. */
const port = Number(process.env.PORT ?? 3000);
const server = await startProductionServer({ port });
console.log(`Allot is listening on http://localhost:${port}`);

// Stop taking connections, let requests in flight finish (their transactions commit or roll back), then leave.
const stop = () => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 10_000).unref();
  server.closeIdleConnections();
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);

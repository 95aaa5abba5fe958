import { startProductionServer } from "./production-server";

/** Entry of the production server, spawned by `npm start` (server/cli/serve.ts) with its environment set. */
const port = Number(process.env.PORT ?? 3000);
await startProductionServer({ port });
console.log(`Allot is listening on http://localhost:${port}`);

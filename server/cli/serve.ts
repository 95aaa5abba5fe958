import { spawn } from "node:child_process";
import { createDatabase } from "../../db/client";
import { migrate } from "../../db/migrate";
import { seedDemo } from "../../db/seed/demo";
import { env } from "../env";
import { openDevDatabase } from "./dev-database";

/**
 * `npm run dev` / `npm start`: makes sure there is a database (the embedded one under .data/ when
 * DATABASE_URL is unset), applies migrations, seeds the demo organisation in development, then runs
 * the server with DATABASE_URL pointing at it. Ctrl-C or SIGTERM stops the server, then the embedded database.
 */
export async function serve(mode: "dev" | "start"): Promise<void> {
  const { url, stop } = await openDevDatabase((line) => console.log(line));
  const { applied } = await migrate(url, env.ALLOT_DB_SCHEMA);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(", ")}`);
  if (mode === "dev" || !env.DATABASE_URL) {
    const db = createDatabase({ url, max: 4, applicationName: "allot-seed" });
    try {
      await seedDemo(db);
    } finally {
      await db.$client.end({ timeout: 5 });
    }
  }
  const port = process.env.PORT ?? "3000";
  // Development: Next.js's own server (live reload). Production: ours (server/http), which adds a
  // direct path for API-key calls — run by Node itself, so a signal reaches it and its exit means
  // it has finished (through npx and tsx's wrappers, a SIGTERM could leave it running, orphaned).
  const command = mode === "dev" ? ["npx", "next", "dev", "--port", port] : [process.execPath, "--import", "tsx", "server/http/start-server.ts"];
  // Its own process group, so stopping it stops every process it started (the pages process too).
  const server = spawn(command[0]!, command.slice(1), {
    stdio: "inherit",
    detached: true,
    env: {
      ...process.env,
      ...(mode === "start" ? { NODE_ENV: "production", PORT: port } : {}),
      DATABASE_URL: url,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  const exited = new Promise<number>((resolve) => server.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  let stopping = false;
  // A signal here (Ctrl-C, a supervisor's SIGTERM) or the server ending: the server's requests in
  // flight finish first, then the embedded database stops.
  const shutdown = async (code: number | Promise<number>) => {
    if (stopping) return;
    stopping = true;
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      // its group has already gone
    }
    const exitCode = await code;
    await exited;
    await stop();
    process.exit(exitCode);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  void exited.then((code) => shutdown(code));
}

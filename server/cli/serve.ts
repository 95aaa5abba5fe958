import { spawn } from "node:child_process";
import { createDatabase } from "../../db/client";
import { migrate } from "../../db/migrate";
import { seedDemo } from "../../db/seed/demo";
import { env } from "../env";
import { openDevDatabase } from "./dev-database";

/**
 * `npm run dev` / `npm start`: makes sure there is a database (the embedded one under .data/ when
 * DATABASE_URL is unset), applies migrations, seeds the demo organisation in development, then runs
 * Next.js with DATABASE_URL pointing at it. Ctrl-C stops Next.js and the embedded server.
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
  // direct path for API-key calls.
  const command = mode === "dev" ? ["next", "dev", "--port", port] : ["tsx", "server/http/start-server.ts"];
  const next = spawn("npx", command, {
    stdio: "inherit",
    env: {
      ...process.env,
      ...(mode === "start" ? { NODE_ENV: "production", PORT: port } : {}),
      DATABASE_URL: url,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    next.kill("SIGTERM");
    await stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  next.on("exit", (code) => void shutdown(code ?? 0));
}

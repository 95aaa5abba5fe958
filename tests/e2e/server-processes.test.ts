import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { startApp, type AppServer } from "../../bench/lib/app-server";
import { processTree } from "../../bench/lib/processes";
import { freePort } from "../../db/embedded";

/**
 * `npm start` runs two processes: the API process owns the port and answers API-key calls; Next.js
 * runs in a pages process it starts, which it forwards everything else to. They live and die
 * together, so a supervisor restarting the server never leaves half of it running. Each test starts
 * its own server on the browser tests' build (.next-e2e, built by the global setup).
 */
const build = { distDir: ".next-e2e" };
const env = { ALLOT_BACKGROUND_JOBS: "off", RESEND_API_KEY: "", RESEND_BASE_URL: "" };

const alive = (pid: number) => {
  const stat = fs.existsSync(`/proc/${pid}/stat`) ? fs.readFileSync(`/proc/${pid}/stat`, "utf8") : "";
  // A zombie has ended; it only waits for its parent to read its status.
  return stat !== "" && stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
};
const parentOf = (pid: number) => {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
};
const commandOf = (pid: number) => (fs.existsSync(`/proc/${pid}/cmdline`) ? fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ") : "");

/** The pages process and the API process (its parent) of a running server. */
function serverProcesses(app: AppServer): { api: number; pages: number; all: number[] } {
  const all = app.processes();
  const pages = all.find((pid) => commandOf(pid).includes("pages-server.ts"));
  if (!pages) throw new Error(`no pages process among ${all.map((pid) => `${pid}: ${commandOf(pid)}`).join("; ")}`);
  return { api: parentOf(pages), pages, all };
}

async function until(what: string, condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 50) {
    if (waited > 30_000) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the production server's two processes", () => {
  it("answers API-key calls in the process that owns the port and pages through the pages process", async () => {
    const app = await startApp(inject("databaseUrl"), env, build);
    try {
      const { api, pages } = serverProcesses(app);
      expect(commandOf(api)).toContain("start-server.ts");
      const refused = await fetch(`${app.url}/api/trpc/credits.balance`, { headers: { authorization: "Bearer alt_nope_notakey" } });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ error: { data: { appCode: "UNAUTHORIZED" } } });
      const signIn = await fetch(`${app.url}/signin`);
      expect(signIn.status).toBe(200);
      expect(await signIn.text()).toContain("<html");
      expect(alive(pages)).toBe(true);
    } finally {
      await app.stop();
    }
  });

  it("stops both on SIGTERM", async () => {
    const app = await startApp(inject("databaseUrl"), env, build);
    const { all } = serverProcesses(app);
    await app.stop();
    await until("every process of the server has left", () => all.every((pid) => !alive(pid)));
  });

  it("stops when its pages process dies, so a supervisor restarts the whole server", async () => {
    const app = await startApp(inject("databaseUrl"), env, build);
    try {
      const { api, pages, all } = serverProcesses(app);
      process.kill(pages, "SIGKILL");
      await until("the API process has left", () => !alive(api));
      await until("every process of the server has left", () => all.every((pid) => !alive(pid)));
    } finally {
      await app.stop();
    }
  });

  it("takes its pages process with it when the API process is killed", async () => {
    const app = await startApp(inject("databaseUrl"), env, build);
    try {
      const { api, pages } = serverProcesses(app);
      process.kill(api, "SIGKILL");
      await until("the pages process has left", () => !alive(pages));
    } finally {
      await app.stop();
    }
  });

  it("stops, pages process included, when `npm start`'s own process gets SIGTERM", async () => {
    const port = await freePort();
    // server/cli/start.ts is what `npm start` runs: it starts the server and stops it on a signal.
    const serve = spawn(process.execPath, ["--import", "tsx", "server/cli/start.ts"], {
      env: {
        ...process.env,
        ...env,
        DATABASE_URL: inject("databaseUrl"),
        PORT: String(port),
        ALLOT_NEXT_DIST_DIR: build.distDir,
        NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: "ignore",
    });
    try {
      await until("the server answers", () => processTree(serve.pid!).some((pid) => commandOf(pid).includes("pages-server.ts")));
      for (;;) {
        const status = await fetch(`http://127.0.0.1:${port}/signin`).then((r) => r.status, () => 0);
        if (status === 200) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const started = processTree(serve.pid!);
      expect(started.length).toBeGreaterThanOrEqual(3);
      process.kill(serve.pid!, "SIGTERM");
      await until("every process it started has left", () => started.every((pid) => !alive(pid)));
    } finally {
      if (serve.exitCode === null) serve.kill("SIGKILL");
    }
  });
});

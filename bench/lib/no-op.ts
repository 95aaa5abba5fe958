import { spawn } from "node:child_process";
import path from "node:path";
import { cpuMsOf } from "./processes";

/** A running no-op HTTP server (bench/lib/no-op-server.mjs): the latency floor of a call on this machine. */
export interface NoOpServer {
  url: string;
  /** CPU time its process has used so far, in ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

export async function startNoOpServer(): Promise<NoOpServer> {
  const child = spawn(process.execPath, [path.join("bench", "lib", "no-op-server.mjs")], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the no-op server exited (code ${code}) before listening`)));
    child.stdout!.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    cpuMs: () => cpuMsOf(child.pid!),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Where the pages process listens: the loopback interface, on a port it tells once it answers. */
export const PAGES_HOST = "127.0.0.1";

/** What the pages process tells the API process once it answers. */
export interface PagesReady {
  pagesListening: number;
}

export interface PagesProcess {
  host: string;
  port: number;
  /** SIGTERM, and resolves when it has left. */
  stop(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL("./pages-server.ts", import.meta.url));

/**
 * Starts Next.js in a process of its own (server/http/pages-server.ts) and resolves once it listens.
 * Why a process: Next.js keeps AsyncLocalStorage stores, which on Node 20 put an async hook on every
 * promise in the process, and its heap is large; the API calls sibling apps make on every AI action
 * are answered in the process that owns the port, free of both. `onExit` hears an unexpected exit.
 */
export function startPagesProcess(onExit: (code: number | null, signal: NodeJS.Signals | null) => void): Promise<PagesProcess> {
  // The same Node.js flags (the TypeScript loader, a profiler) and environment as this process.
  const child: ChildProcess = fork(ENTRY, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let stopping = false;
  return new Promise((resolve, reject) => {
    child.once("message", (message: PagesReady) => {
      child.on("exit", (code, signal) => {
        if (!stopping) onExit(code, signal);
      });
      resolve({
        host: PAGES_HOST,
        port: message.pagesListening,
        stop: async () => {
          stopping = true;
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise((done) => child.once("exit", done));
          child.kill("SIGTERM");
          await exited;
        },
      });
    });
    child.once("exit", (code, signal) => reject(new Error(`The pages process exited before it listened (code ${code}, signal ${signal})`)));
  });
}

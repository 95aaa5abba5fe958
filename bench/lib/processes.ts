import { execFileSync } from "node:child_process";
import fs from "node:fs";

/** Clock ticks per second, the unit of /proc/<pid>/stat's CPU times. */
const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

const read = (file: string): string | undefined => {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined; // the process ended while we looked
  }
};

/** /proc/<pid>/stat's fields after the command name (which may contain spaces). */
const statFields = (pid: number) => {
  const stat = read(`/proc/${pid}/stat`);
  return stat?.slice(stat.lastIndexOf(")") + 2).split(" ");
};

const allPids = () => fs.readdirSync("/proc").filter((entry) => /^\d+$/.test(entry)).map(Number);

/** A process and all its descendants (npx → node → the server). */
export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const parent = Number(statFields(pid)?.[1]);
    if (parent) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(rootPid);
  return tree;
}

/**
 * User + system CPU time a process has used, in ms; with `reapedChildren`, also that of its children
 * that have exited and been waited for (/proc's cutime and cstime).
 */
export function cpuMsOf(pid: number, { reapedChildren = false } = {}): number {
  const fields = statFields(pid);
  if (!fields) return 0;
  const ticks = Number(fields[11]) + Number(fields[12]) + (reapedChildren ? Number(fields[13]) + Number(fields[14]) : 0);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/**
 * CPU time used by every PostgreSQL process on this machine (the postmaster, its backends and workers),
 * in ms — those that have exited included: a backend or autovacuum worker that ends takes its CPU
 * time out of the sum of the living, and the postmaster, reaping it, adds it to its children's time,
 * which is counted here. Without it a phase in which a worker ended could show less than nothing.
 */
export function postgresCpuMs(): number {
  return allPids()
    .filter((pid) => read(`/proc/${pid}/comm`)?.startsWith("postgres"))
    .reduce((sum, pid) => sum + cpuMsOf(pid, { reapedChildren: true }), 0);
}

/**
 * Peak resident memory (VmHWM) of some processes, in MiB: their sum — each process's own peak, so an
 * upper bound on what they held at once — and the largest.
 */
export function peakMemoryMiB(pids: number[]): { total: number; largest: number } {
  const peaksKiB = pids.map((pid) => Number(/VmHWM:\s+(\d+) kB/.exec(read(`/proc/${pid}/status`) ?? "")?.[1] ?? 0));
  return { total: Math.round(peaksKiB.reduce((a, b) => a + b, 0) / 1024), largest: Math.round(Math.max(0, ...peaksKiB) / 1024) };
}

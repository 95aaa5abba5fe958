import { postgresCpuMs } from "./processes";

/** CPU time per unit of work (ms), by who spent it: the app server, PostgreSQL, the load generator (this process). */
export interface CpuPerUnit {
  server: number;
  postgres: number;
  generator: number;
}

/**
 * Starts counting CPU time; the returned function answers how much each part used per unit of work
 * since. On a shared two-core machine this is steadier than throughput, and says where time goes.
 */
export function startCpuMeter(serverCpuMs: () => number): (units: number) => CpuPerUnit {
  const server = serverCpuMs();
  const postgres = postgresCpuMs();
  const generator = process.cpuUsage();
  return (units) => {
    const used = process.cpuUsage(generator);
    const per = (ms: number) => Math.round((ms / Math.max(1, units)) * 1000) / 1000;
    return { server: per(serverCpuMs() - server), postgres: per(postgresCpuMs() - postgres), generator: per((used.user + used.system) / 1000) };
  };
}

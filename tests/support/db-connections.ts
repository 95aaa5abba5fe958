import { sql } from "drizzle-orm";
import { afterAll, beforeAll, inject } from "vitest";
import { createDatabase, type Database } from "../../db/client";

/** A pool of exactly one connection: everything sent through it runs in one PostgreSQL session. */
export function openConnection(applicationName = "allot-test-session"): Database {
  return createDatabase({ url: inject("databaseUrl"), max: 1, applicationName });
}

/** Files that open more than this many connections take turns (see below). */
const MANY_CONNECTIONS = 10;
const CONNECTION_BUDGET_LOCK = 7_305_221_002;

/**
 * `count` separate single-connection pools, connected before the file's tests and closed after
 * them: calls spread over these run in separate sessions, so they really race in PostgreSQL.
 * Files asking for many take a session advisory lock first, so two of them never run at once —
 * a stock server allows 100 connections, and the stampede alone needs 64.
 */
export function useConnections(count: number): Database[] {
  const connections: Database[] = [];
  let turn: Database | undefined;
  beforeAll(async () => {
    if (count > MANY_CONNECTIONS) {
      turn = openConnection("allot-test-connection-budget");
      await turn.execute(sql`SELECT pg_advisory_lock(${CONNECTION_BUDGET_LOCK})`);
    }
    for (let i = 0; i < count; i++) connections.push(openConnection(`allot-test-parallel-${i}`));
    await Promise.all(connections.map((connection) => connection.execute(sql`SELECT 1`)));
  });
  afterAll(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.$client.end({ timeout: 5 })));
    // Closing the session releases its advisory lock.
    await turn?.$client.end({ timeout: 5 });
  });
  return connections;
}

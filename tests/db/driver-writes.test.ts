import net from "node:net";
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "../support/database";

/**
 * How postgres.js (patched: patches/postgres+*.patch) writes to PostgreSQL: what one turn of the
 * event loop issues goes out in one socket write, at that turn's process.nextTick — before the loop
 * handles other ready I/O or runs setImmediate callbacks. The hot path depends on it: a group's BEGIN,
 * wallet lock and reads are one write (server/usage/read-ahead.ts), and a hot wallet's next group is
 * on its way before the last one's callers are answered (server/lib/org-lanes.ts).
 */
const db = useTestDatabase(2);

/** Socket writes whose bytes contain `marker`, in order, with setImmediate callbacks logged among them. */
function watchWrites(marker: string) {
  const log: string[] = [];
  const original = net.Socket.prototype.write;
  vi.spyOn(net.Socket.prototype, "write").mockImplementation(function (this: net.Socket, ...args: Parameters<net.Socket["write"]>) {
    const chunk = args[0];
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("latin1");
    if (text.includes(marker)) log.push(`write ${text.match(new RegExp(`${marker}_\\d`, "g"))!.join(" ")}`);
    return original.apply(this, args);
  });
  return log;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("postgres.js socket writes", () => {
  it("send the statements of one turn in one write, before the loop's setImmediate callbacks", async () => {
    const marker = `m${randomBytes(4).toString("hex")}`;
    const connection = await db.$client.reserve();
    try {
      const log = watchWrites(marker);
      setImmediate(() => log.push("immediate"));
      // Issued in one turn, as a spending group issues its lock and reads; the second after an await.
      const first = connection.unsafe(`SELECT 1 AS ${marker}_1`).execute();
      await Promise.resolve();
      const second = connection.unsafe(`SELECT 2 AS ${marker}_2`).execute();
      await Promise.all([first, second]);
      expect(log).toEqual([`write ${marker}_1 ${marker}_2`, "immediate"]);
    } finally {
      connection.release();
    }
  });
});

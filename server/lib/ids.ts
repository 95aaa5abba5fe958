import { randomFillSync } from "node:crypto";

/** Two hex digits for each byte value. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

/**
 * Random bytes drawn from a pool refilled 4 KiB at a time: one call into the CSPRNG per ~400 ids
 * instead of one per id (which was most of an id's cost, and ids are made per event).
 */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomByteAt(): number {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  return pool[poolOffset++]!;
}

/**
 * UUID version 7: time-ordered, so rows inserted together sit together in their indexes.
 * Generated here rather than in SQL so one round trip can insert an event and the rows that point at it.
 * 48 bits of milliseconds, the version, 74 random bits, the variant.
 */
export function uuidv7(now = Date.now()): string {
  let hex = "";
  // The timestamp's six bytes, most significant first (division by powers of two is exact below 2^53).
  for (let shift = 40; shift >= 0; shift -= 8) hex += HEX[Math.floor(now / 2 ** shift) % 256]!;
  const r = Array.from({ length: 10 }, randomByteAt);
  return (
    `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${HEX[(r[0]! & 0x0f) | 0x70]}${HEX[r[1]!]}-${HEX[(r[2]! & 0x3f) | 0x80]}${HEX[r[3]!]}-` +
    `${HEX[r[4]!]}${HEX[r[5]!]}${HEX[r[6]!]}${HEX[r[7]!]}${HEX[r[8]!]}${HEX[r[9]!]}`
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

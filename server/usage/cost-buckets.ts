import { sql, type SQL } from "drizzle-orm";
import { divide } from "../lib/decimal";

/**
 * Buckets of per-task cost for the model comparison's histogram (model_cost_histogram_daily).
 *
 * Integer arithmetic only, so the database (write path, rebuild, verification) and this module
 * agree on every machine: a cost below 128 µcr is its own bucket; above, a cost with bit length L
 * keeps its top 7 bits m (64 ≤ m < 128) and lands in bucket (L − 7) × 64 + m, which spans
 * [m, m + 1) × 2^(L−7) — at most 1/64 (1.6 %) of any cost in it. (Finer buckets cost rows: at
 * 1/128 a 10 M-event organisation's 90 days were ~1 M histogram rows, too many to sum in 300 ms.)
 */
export const EXACT_BELOW = 128;
const SUB_BUCKET_BITS = 7;
const SUB_BUCKETS = 64;

export function costBucket(costMicros: bigint): number {
  if (costMicros < BigInt(EXACT_BELOW)) return Number(costMicros);
  const shift = costMicros.toString(2).length - SUB_BUCKET_BITS;
  return shift * SUB_BUCKETS + Number(costMicros >> BigInt(shift));
}

/** The smallest and largest cost a bucket holds. */
export function bucketBounds(bucket: number): { low: bigint; high: bigint } {
  if (bucket < EXACT_BELOW) return { low: BigInt(bucket), high: BigInt(bucket) };
  const shift = Math.floor(bucket / SUB_BUCKETS) - 1;
  const top = BigInt(bucket - shift * SUB_BUCKETS);
  return { low: top << BigInt(shift), high: ((top + 1n) << BigInt(shift)) - 1n };
}

/** Powers of two up to 2⁶²: width_bucket over them is a bigint's bit length (a binary search, no floats). */
const POWERS_OF_TWO = sql.raw(`ARRAY[${Array.from({ length: 63 }, (_, i) => (1n << BigInt(i)).toString()).join(",")}]::bigint[]`);

/** costBucket in SQL, for a bigint column. */
export function costBucketSql(cost: SQL): SQL {
  const shift = sql`(width_bucket(${cost}, ${POWERS_OF_TWO}) - ${sql.raw(String(SUB_BUCKET_BITS))})`;
  return sql`CASE WHEN ${cost} < ${sql.raw(String(EXACT_BELOW))} THEN ${cost}::integer
    ELSE ${shift} * ${sql.raw(String(SUB_BUCKETS))} + (${cost} >> ${shift})::integer END`;
}

/** One bucket of a histogram, in cost order. */
export interface HistogramBucket {
  tasks: bigint;
  costMicros: bigint;
  minCostMicros: bigint;
  maxCostMicros: bigint;
}

/**
 * The cost at a percentile, as percentile_disc would give it over the tasks themselves (the task at
 * rank ⌈p·N⌉ in cost order), read from buckets sorted by cost. Which bucket holds that task is exact;
 * within it the answer is the bucket's smallest cost for its first task, its largest for its last,
 * else its mean (rounded half-up), which lies between them. So the answer is exact when the bucket
 * holds one distinct cost (every cost below 128 µcr), and otherwise off by less than the bucket's
 * width: at most 1/64 (1.6 %) of the true value. `percent` is a whole percentage (50 for the median).
 */
export function percentileOf(buckets: HistogramBucket[], percent: number): bigint {
  const total = buckets.reduce((sum, b) => sum + b.tasks, 0n);
  if (total === 0n) return 0n;
  const rank = divide(total * BigInt(percent), 100n, "ceil") || 1n;
  let before = 0n;
  for (const bucket of buckets) {
    if (rank <= before + bucket.tasks) {
      if (rank === before + 1n) return bucket.minCostMicros;
      if (rank === before + bucket.tasks) return bucket.maxCostMicros;
      return divide(bucket.costMicros, bucket.tasks, "halfUp");
    }
    before += bucket.tasks;
  }
  return buckets[buckets.length - 1]!.maxCostMicros;
}

import { AppError } from "./errors";

/** The PostgreSQL error fields we look at; drizzle wraps driver errors, so we walk the causes. */
export interface PgErrorFields {
  code: string;
  constraint_name?: string;
  table_name?: string;
  message: string;
}

export function findPgError(error: unknown): PgErrorFields | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as Partial<PgErrorFields> & { cause?: unknown };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate as PgErrorFields;
    current = candidate.cause;
  }
  return undefined;
}

export const SERIALIZATION_FAILURE = "40001";
export const DEADLOCK_DETECTED = "40P01";

export function isRetryableConflict(error: unknown): boolean {
  const code = findPgError(error)?.code;
  return code === SERIALIZATION_FAILURE || code === DEADLOCK_DETECTED;
}

/**
 * Turns database refusals that a caller can cause into typed errors. Anything else stays an
 * unexpected error: it is logged server-side and the client sees only INTERNAL.
 */
export function appErrorFromPg(error: unknown): AppError | undefined {
  const pg = findPgError(error);
  if (!pg) return undefined;
  if (pg.code === "23514" && pg.constraint_name === "ledger_accounts_floor") {
    return new AppError("INSUFFICIENT_CREDITS", "Not enough credits are available");
  }
  if (pg.code === "23505") return new AppError("CONFLICT", "Something with the same identifier already exists");
  if (pg.code === "23503") return new AppError("INVALID_INPUT", "A referenced record does not exist in this organisation");
  if (pg.code === "23514") return new AppError("INVALID_INPUT", "A value breaks one of the rules for this record");
  if (pg.code === "22P02" || pg.code === "22003") return new AppError("INVALID_INPUT", "A value has the wrong form or is out of range");
  // Text with a NUL character (22021) or a \u0000 escape in JSON (22P05): valid JSON, but PostgreSQL cannot store it.
  if (pg.code === "22021" || pg.code === "22P05") return new AppError("INVALID_INPUT", "A text value contains a character that cannot be stored (such as NUL)");
  return undefined;
}

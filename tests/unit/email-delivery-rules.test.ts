import { describe, expect, it } from "vitest";
import { retryDelaySeconds } from "../../server/outbox/backoff";
import { classifyResendError } from "../../server/outbox/email-sender";

describe("classifyResendError", () => {
  it.each([
    [null, "application_error", "retryable"],
    [500, "internal_server_error", "retryable"],
    [503, "application_error", "retryable"],
    [429, "rate_limit_exceeded", "retryable"],
    [429, "daily_quota_exceeded", "retryable"],
    [409, "concurrent_idempotent_requests", "retryable"],
    [422, "validation_error", "permanent"],
    [403, "invalid_api_key", "permanent"],
    [400, "invalid_idempotency_key", "permanent"],
  ] as const)("%s %s is %s", (statusCode, name, kind) => {
    const outcome = classifyResendError({ statusCode, name, message: "because" });
    expect(outcome.kind).toBe(kind);
    expect(outcome.kind !== "accepted" && outcome.reason).toBe(`Resend ${statusCode ?? "unreachable"} ${name}: because`);
  });

  it("an idempotency key already used with other content means the e-mail went out: it is not sent again", () => {
    expect(classifyResendError({ statusCode: 409, name: "invalid_idempotent_request", message: "Same idempotency key used with a different request payload." })).toEqual({
      kind: "accepted",
      providerMessageId: null,
      note: "Already sent under this key; Resend 409 invalid_idempotent_request: Same idempotency key used with a different request payload.",
    });
  });
});

describe("retryDelaySeconds", () => {
  it("doubles from 30 seconds, with jitter between half and all of it", () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelaySeconds(attempts, () => 1))).toEqual([30, 60, 120, 240]);
    expect([1, 2, 3, 4].map((attempts) => retryDelaySeconds(attempts, () => 0))).toEqual([15, 30, 60, 120]);
  });

  it("never waits more than an hour, however many attempts failed", () => {
    for (const attempts of [8, 9, 50, 1_000, Number.MAX_SAFE_INTEGER]) {
      expect(retryDelaySeconds(attempts, () => 1)).toBe(3_600);
      expect(retryDelaySeconds(attempts, () => 0)).toBe(1_800);
    }
  });
});

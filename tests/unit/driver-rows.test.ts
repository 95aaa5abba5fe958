import { getTableColumns } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reservations } from "../../db/schema";
import { rowOf } from "../../server/lib/driver-rows";

/** A reservation as a raw `SELECT r.*` returns it: snake_case names, bigint and timestamps as text, jsonb as text. */
const rawReservation = (amount: string) => ({
  org_id: "0190f0c0-0000-7000-8000-000000000001",
  id: "0190f0c0-0000-7000-8000-000000000002",
  idempotency_key: "hold-1",
  status: "active",
  amount_micros: amount,
  item: "gpt-4o",
  price_version_id: null,
  department_id: null,
  project_id: null,
  agent_id: "0190f0c0-0000-7000-8000-000000000003",
  user_ref: "ada@example.com",
  task_type: "support-reply",
  workflow: null,
  outcome_ref: null,
  api_key_id: null,
  created_at: "2026-12-07 10:00:00+00",
  expires_at: "2026-12-07 10:15:00+00",
  resolved_at: null,
  usage_event_id: null,
  budget_holds: '[{"budgetId":"b-1","periodStart":"2026-12-01T00:00:00.000Z","amountMicros":1500}]',
});

describe("rowOf", () => {
  it("decodes a raw row as drizzle would, keyed by property, every time it is asked", () => {
    for (const amount of ["1500", "2500"]) {
      const row = rowOf(reservations, rawReservation(amount));
      expect(row).toMatchObject({
        idempotencyKey: "hold-1",
        amountMicros: Number(amount),
        agentId: "0190f0c0-0000-7000-8000-000000000003",
        userRef: "ada@example.com",
        taskType: "support-reply",
        priceVersionId: null,
        resolvedAt: null,
        budgetHolds: [{ budgetId: "b-1", periodStart: "2026-12-01T00:00:00.000Z", amountMicros: 1500 }],
      });
      expect(row.createdAt).toEqual(new Date("2026-12-07T10:00:00Z"));
      expect(row.expiresAt).toEqual(new Date("2026-12-07T10:15:00Z"));
      expect(Object.keys(row).sort()).toEqual(Object.keys(getTableColumns(reservations)).sort());
    }
  });
});

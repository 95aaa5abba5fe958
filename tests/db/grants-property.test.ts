import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { creditGrants, ledgerAccounts, usageEvents } from "../../db/schema";
import type { ApiKeyPrincipal } from "../../server/auth/principal";
import { systemAccountId } from "../../server/ledger/accounts";
import { getCreditBalance } from "../../server/ledger/balance";
import { expireGrants } from "../../server/ledger/expire-grants";
import { createGrant, DEFAULT_GRANT_PRIORITY, type GrantKind } from "../../server/ledger/grants";
import { verifyLedger } from "../../server/ledger/verify";
import { recordUsage } from "../../server/usage/record-usage";
import { failureOf } from "../support/db-errors";
import { GrantModel } from "../support/db-grant-model";
import { letGrantLapse } from "../support/db-time";
import { useTestDatabase } from "../support/database";
import { createTestOrg } from "../support/fixtures";

/**
 * Random sequences of grants, debits and expiries, compared after every step with GrantModel:
 * which grant paid for what, what expired, and that a debit that does not fit changes nothing.
 * Replay a failure with ALLOT_PROPERTY_SEED=<the seed printed below>.
 */
const db = useTestDatabase();
const DAY_MS = 86_400_000;

interface Real {
  orgId: string;
  principal: ApiKeyPrincipal;
  /** Grants expire whole days after this, so expiries tie and creation order has to break the tie. */
  expiryBase: number;
  nextKey: number;
}

type GrantCommand = fc.AsyncCommand<GrantModel, Real>;

async function expectLedgerToMatch(model: GrantModel, real: Real) {
  const grants = await db
    .select({ id: creditGrants.id, remainingMicros: ledgerAccounts.balanceMicros, expired: sql<boolean>`${creditGrants.expiredAt} IS NOT NULL` })
    .from(creditGrants)
    .innerJoin(ledgerAccounts, and(eq(ledgerAccounts.orgId, creditGrants.orgId), eq(ledgerAccounts.id, creditGrants.id)))
    .where(eq(creditGrants.orgId, real.orgId))
    .orderBy(creditGrants.createdAt);
  expect(grants).toEqual(model.grants.map(({ id, remainingMicros, expired }) => ({ id, remainingMicros, expired })));

  const balance = await getCreditBalance(db, real.orgId);
  expect(balance.grants.map((grant) => grant.id)).toEqual(model.burnOrder().map((grant) => grant.id));
  expect(balance).toMatchObject({ postedMicros: model.availableMicros, heldMicros: 0, availableMicros: model.availableMicros });

  const systemBalance = async (kind: "consumption" | "expiration") => {
    const [account] = await db
      .select({ balanceMicros: ledgerAccounts.balanceMicros })
      .from(ledgerAccounts)
      .where(and(eq(ledgerAccounts.orgId, real.orgId), eq(ledgerAccounts.id, systemAccountId(real.orgId, kind))));
    return account!.balanceMicros;
  };
  expect({ consumed: await systemBalance("consumption"), expired: await systemBalance("expiration") }).toEqual({
    consumed: model.consumedMicros,
    expired: model.expiredMicros,
  });
  expect(await db.$count(usageEvents, eq(usageEvents.orgId, real.orgId))).toBe(model.events);
}

class CreateGrantCommand implements GrantCommand {
  constructor(
    readonly kind: GrantKind,
    readonly priority: number | undefined,
    readonly amountMicros: number,
    readonly expiresInDays: number | null,
  ) {}

  check = () => true;

  async run(model: GrantModel, real: Real) {
    const expiresAt = this.expiresInDays === null ? null : new Date(real.expiryBase + this.expiresInDays * DAY_MS);
    const { id } = await createGrant(db, { orgId: real.orgId, kind: this.kind, priority: this.priority, amountMicros: this.amountMicros, expiresAt });
    model.add({
      id,
      priority: this.priority ?? DEFAULT_GRANT_PRIORITY[this.kind],
      expiresAt: expiresAt?.getTime() ?? null,
      remainingMicros: this.amountMicros,
    });
    await expectLedgerToMatch(model, real);
  }

  toString() {
    return `grant(${this.kind}, priority ${this.priority ?? "default"}, ${this.amountMicros} µcr, expires ${this.expiresInDays === null ? "never" : `day ${this.expiresInDays}`})`;
  }
}

/** test-small bills 1 µcr per input token, so `micros` tokens debit exactly `micros`. */
class DebitCommand implements GrantCommand {
  constructor(readonly micros: number) {}

  check = () => true;

  async run(model: GrantModel, real: Real) {
    const record = () => recordUsage(db, real.principal, [{ idempotencyKey: `debit-${real.nextKey++}`, model: "test-small", inputTokens: this.micros }]);
    if (this.micros > model.availableMicros) {
      expect(await failureOf(record())).toMatchObject({ appCode: "INSUFFICIENT_CREDITS" });
    } else {
      const [answer] = await record();
      model.debit(this.micros);
      expect(answer).toMatchObject({ costMicros: this.micros, chargedMicros: this.micros, balanceAfterMicros: model.availableMicros });
    }
    await expectLedgerToMatch(model, real);
  }

  toString() {
    return `debit(${this.micros} µcr)`;
  }
}

/** Lets one expiring grant's time pass, then runs the expiry job. */
class ExpireCommand implements GrantCommand {
  constructor(readonly pick: number) {}

  check = (model: Readonly<GrantModel>) => model.expirable().length > 0;

  async run(model: GrantModel, real: Real) {
    const candidates = model.expirable();
    const grant = candidates[this.pick % candidates.length]!;
    await letGrantLapse(db, real.orgId, grant.id);
    await expireGrants(db);
    model.expire(grant.id);
    await expectLedgerToMatch(model, real);
  }

  toString() {
    return `expire(pick ${this.pick})`;
  }
}

const commands = fc.commands(
  [
    fc
      .tuple(
        fc.constantFrom<GrantKind>("starter", "purchase", "promotion", "adjustment"),
        fc.option(fc.constantFrom(10, 20, 30), { nil: undefined }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
      )
      .map(([kind, priority, amount, days]) => new CreateGrantCommand(kind, priority, amount, days)),
    fc.integer({ min: 1, max: 8_000 }).map((micros) => new DebitCommand(micros)),
    fc.nat().map((pick) => new ExpireCommand(pick)),
  ],
  { maxCommands: 14 },
);

describe("grants under random grants, debits and expiries", () => {
  it("burn in order, expire to zero, refuse what does not fit, and keep the ledger consistent", async () => {
    const seed = Number(process.env.ALLOT_PROPERTY_SEED ?? Date.now() % 2_147_483_647);
    console.info(`grants property: seed ${seed} (replay with ALLOT_PROPERTY_SEED=${seed})`);

    await fc.assert(
      fc.asyncProperty(commands, async (sequence) => {
        const org = await createTestOrg(db, { starterMicros: 0 });
        const real: Real = { orgId: org.orgId, principal: org.apiKey, expiryBase: Date.now() + DAY_MS, nextKey: 0 };
        await fc.asyncModelRun(() => ({ model: new GrantModel(), real }), sequence);
        expect(await verifyLedger(db, org.orgId)).toEqual([]);
      }),
      { seed, numRuns: 20 },
    );
  });
});

/**
 * What an organisation's grants should hold, kept with plain arithmetic so the ledger can be
 * compared with it: debits burn open grants by lower priority, then sooner expiry (never-expiring
 * last), then older; an expired grant's remainder goes to the expiration account.
 */
export interface ModelGrant {
  id: string;
  priority: number;
  /** Milliseconds since the epoch, or null for a grant that never expires. */
  expiresAt: number | null;
  remainingMicros: number;
  expired: boolean;
}

export class GrantModel {
  /** In creation order, which breaks burn-order ties (Array.prototype.sort is stable). */
  readonly grants: ModelGrant[] = [];
  consumedMicros = 0;
  expiredMicros = 0;
  events = 0;

  get availableMicros(): number {
    return this.open().reduce((sum, grant) => sum + grant.remainingMicros, 0);
  }

  /** Grants that can still pay, in the order they pay. */
  burnOrder(): ModelGrant[] {
    const expiry = (grant: ModelGrant) => grant.expiresAt ?? Number.POSITIVE_INFINITY;
    return this.open()
      .filter((grant) => grant.remainingMicros > 0)
      // Two never-expiring grants give Infinity − Infinity = NaN: a tie, left in creation order.
      .sort((a, b) => a.priority - b.priority || expiry(a) - expiry(b) || 0);
  }

  /** Grants not yet expired that have an expiry date. */
  expirable(): ModelGrant[] {
    return this.open().filter((grant) => grant.expiresAt !== null);
  }

  add(grant: Omit<ModelGrant, "expired">): void {
    this.grants.push({ ...grant, expired: false });
  }

  debit(amountMicros: number): void {
    if (amountMicros > this.availableMicros) throw new Error(`the model cannot debit ${amountMicros} from ${this.availableMicros}`);
    let left = amountMicros;
    for (const grant of this.burnOrder()) {
      const take = Math.min(grant.remainingMicros, left);
      grant.remainingMicros -= take;
      left -= take;
    }
    this.consumedMicros += amountMicros;
    this.events += 1;
  }

  expire(id: string): void {
    const grant = this.grants.find((candidate) => candidate.id === id)!;
    this.expiredMicros += grant.remainingMicros;
    grant.remainingMicros = 0;
    grant.expired = true;
  }

  private open(): ModelGrant[] {
    return this.grants.filter((grant) => !grant.expired);
  }
}

import type { WebhookEventInput } from "./emit";

interface ExpiredGrant {
  id: string;
  kind: string;
  amountMicros: number;
  expiresAt: Date | null;
  sourceRef: string | null;
  /** What the grant still held when it expired: the credits that were lost. */
  balanceMicros: number;
}

export function grantExpiredEvent(grant: ExpiredGrant): WebhookEventInput {
  return {
    type: "grant.expired",
    key: grant.id,
    data: {
      grantId: grant.id,
      kind: grant.kind,
      grantedMicros: grant.amountMicros,
      expiredMicros: grant.balanceMicros,
      expiresAt: grant.expiresAt?.toISOString() ?? null,
      sourceRef: grant.sourceRef,
    },
  };
}

import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/db/schema";

/** What each event means, for the subscription checkboxes (docs/webhooks.md has the payloads). */
export const EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  "budget.threshold_crossed": "A budget's spend crossed one of its alert thresholds this period.",
  "budget.paused": "A pause budget reached its limit: spend in its scope is refused.",
  "budget.resumed": "Someone let a paused budget's scope spend past its limit for the rest of the period.",
  "balance.low": "The available balance fell below the organisation's low-balance threshold.",
  "purchase.requested": "A purchase waits for finance's approval.",
  "purchase.approved": "Finance approved a purchase.",
  "purchase.rejected": "Finance rejected a purchase.",
  "grant.expired": "A credit grant expired; what it still held is gone.",
  "webhook.test": "A test event sent from this page.",
};

export const eventTypeOptions = () =>
  WEBHOOK_EVENT_TYPES.map((type) => ({ value: type, label: <code>{type}</code>, description: EVENT_DESCRIPTIONS[type] }));

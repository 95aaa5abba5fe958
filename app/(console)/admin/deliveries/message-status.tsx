import { formatDateTime } from "@/app/_lib/format";
import { StatusBadge } from "../_components/status-badge";

export const STATUS_LABELS = { pending: "Pending", sent: "Sent", failed: "Failed" } as const;
type Status = keyof typeof STATUS_LABELS;
const TONES = { pending: "amber", sent: "green", failed: "red" } as const;

export function MessageStatus({ status }: { status: Status }) {
  return <StatusBadge tone={TONES[status]}>{STATUS_LABELS[status]}</StatusBadge>;
}

/** When it was sent, or when it is tried next; a failed message is not tried again unless resent. */
export function MessageTiming({ message, timeZone }: { message: { status: Status; sentAt: Date | null; nextAttemptAt: Date }; timeZone: string }) {
  const text =
    message.status === "sent"
      ? `sent ${formatDateTime(message.sentAt, timeZone)}`
      : message.status === "pending"
        ? `next attempt ${formatDateTime(message.nextAttemptAt, timeZone)}`
        : "not retried";
  return <span className="block text-xs text-gray-500 dark:text-gray-400">{text}</span>;
}

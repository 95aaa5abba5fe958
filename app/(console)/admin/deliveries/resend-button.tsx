import { ActionButton } from "../_components/action-button";
import { resendMessage } from "./actions";

/** "Send now" for a message still waiting for its next attempt, "Resend" for one that failed; a sent message has neither. */
export function ResendButton({ messageId, status, subject }: { messageId: string; status: "pending" | "sent" | "failed"; subject: string }) {
  if (status === "sent") return null;
  return (
    <ActionButton
      action={resendMessage}
      fields={{ messageId }}
      label={status === "pending" ? "Send now" : "Resend"}
      subject={subject}
      pendingLabel="Sending…"
    />
  );
}

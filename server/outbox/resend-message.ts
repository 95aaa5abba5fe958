import type { Database } from "../../db/client";
import { recordAudit } from "../audit/record-audit";
import { actorOf, type MemberPrincipal } from "../auth/principal";
import { sendMessageNow } from "./dispatch";

/** An administrator's "send it now": ignores the backoff, never sends a sent message twice (CONFLICT). */
export async function resendMessage(db: Database, principal: MemberPrincipal, messageId: string) {
  const status = await sendMessageNow(db, principal.orgId, messageId);
  await recordAudit(db, { orgId: principal.orgId, actor: actorOf(principal), action: "email.resent", targetType: "outbox_message", targetId: messageId, after: { status } });
  return { messageId, status };
}

import type { Database } from "../../db/client";
import { recordAudit } from "../audit/record-audit";
import { actorOf, type MemberPrincipal } from "../auth/principal";
import { uuidv7 } from "../lib/ids";
import { enqueueAndSend } from "./dispatch";
import type { EmailSender } from "./email-sender";

/** A test e-mail to the signed-in member's own address, sent at once (and retried by the dispatcher if that fails). */
export async function sendTestEmail(db: Database, principal: MemberPrincipal, sender?: EmailSender) {
  const result = await enqueueAndSend(
    db,
    principal.orgId,
    { dedupeKey: `test:${uuidv7()}`, template: "test-message", recipient: principal.email, payload: { requestedBy: principal.name || principal.email } },
    sender,
  );
  await recordAudit(db, { orgId: principal.orgId, actor: actorOf(principal), action: "email.test_sent", targetType: "outbox_message", targetId: result.messageId });
  return result;
}

import { Table, Td, Th } from "@/app/_components/table";
import { formatDateTime } from "@/app/_lib/format";
import type { listInvites } from "@/server/identity/invites";
import { ActionButton } from "../../_components/action-button";
import { StatusBadge } from "../../_components/status-badge";
import { roleLabel } from "../../_lib/roles";
import { resendInvite, revokeInvite } from "./actions";

type Invite = Awaited<ReturnType<typeof listInvites>>[number];

const TONE = { pending: "blue", accepted: "green", expired: "gray", revoked: "gray" } as const;

/** Invitations, newest first: pending ones can be sent again (a new link) or revoked. */
export function InvitesTable({ invites, timeZone }: { invites: Invite[]; timeZone: string }) {
  return (
    <Table caption="Invitations">
      <thead>
        <tr>
          <Th>E-mail</Th>
          <Th>Role</Th>
          <Th>Status</Th>
          <Th>Expires</Th>
          <Th>Sent</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {invites.map((invite) => (
          <tr key={invite.id}>
            <Td className="font-medium">{invite.email}</Td>
            <Td>{roleLabel(invite.role)}</Td>
            <Td>
              <StatusBadge tone={TONE[invite.status]}>{invite.status}</StatusBadge>
            </Td>
            <Td>{formatDateTime(invite.expiresAt, timeZone)}</Td>
            <Td>{invite.sendCount}×</Td>
            <Td className="space-x-2 text-right">
              {(invite.status === "pending" || invite.status === "expired") && (
                <ActionButton action={resendInvite} fields={{ inviteId: invite.id }} label="Resend" subject={invite.email} pendingLabel="Sending…" />
              )}
              {invite.status === "pending" && (
                <ActionButton
                  action={revokeInvite}
                  fields={{ inviteId: invite.id }}
                  label="Revoke"
                  subject={invite.email}
                  pendingLabel="Revoking…"
                  confirm={{ question: `Revoke the invitation to ${invite.email}? Its link stops working.`, confirmLabel: "Revoke" }}
                />
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

import type { Metadata } from "next";
import { EmptyState } from "@/app/_components/empty-state";
import { Table, Td, Th } from "@/app/_components/table";
import { ActionButton } from "../../_components/action-button";
import { EditableRow } from "../../_components/editable-row";
import { FormSection } from "../../_components/form-section";
import { adminApi } from "../../_lib/admin-api";
import { activeOptions, namesById } from "../../_lib/options";
import { roleLabel } from "../../_lib/roles";
import { removeMember } from "./actions";
import { AddMemberForm } from "./add-member-form";
import { EditMemberForm } from "./edit-member-form";
import { InviteMemberForm } from "./invite-member-form";
import { InvitesTable } from "./invites-table";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const admin = await adminApi();
  // The layout tells non-administrators why there is nothing here.
  if (!admin) return null;
  const [members, departments, invites, organization] = await Promise.all([
    admin.api.org.members(),
    admin.api.org.departments(),
    admin.api.invites.list(),
    admin.api.org.get(),
  ]);
  const active = members.filter((member) => !member.removedAt);
  const departmentNames = namesById(departments);
  const departmentList = (ids: string[]) => ids.map((id) => departmentNames.get(id)).join(", ");
  return (
    <>
      <p className="mb-4 max-w-3xl text-sm text-gray-500 dark:text-gray-400">
        People sign in through the company&apos;s identity provider, matched by its account id once bound, else by the verified
        e-mail address they are added or invited with. Administrators set everything up, finance approves purchases
        and sees all spend, department heads see only the departments they head, members see prices and their own usage. An
        organisation always keeps at least one administrator.
      </p>
      {active.length === 0 ? (
        <EmptyState title="No members">Add the first one below.</EmptyState>
      ) : (
        <Table caption="Members">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>E-mail</Th>
              <Th>Role</Th>
              <Th>Department</Th>
              <Th>Heads</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {active.map((member) => (
              <EditableRow
                key={member.id}
                columns={6}
                subject={member.name}
                editor={
                  <EditMemberForm
                    member={{ id: member.id, role: member.role, departmentId: member.departmentId, headOf: member.headOf }}
                    departments={activeOptions(departments, [member.departmentId, ...member.headOf])}
                  />
                }
                actions={
                  <ActionButton
                    action={removeMember}
                    fields={{ memberId: member.id }}
                    label="Remove"
                    subject={member.name}
                    pendingLabel="Removing…"
                    confirm={{
                      question: member.id === admin.member.memberId ? "Remove yourself? You will lose access." : `Remove ${member.name}?`,
                      confirmLabel: "Remove",
                    }}
                  />
                }
              >
                <Td className="font-medium">
                  {member.name}
                  {member.id === admin.member.memberId && <span className="ml-1 text-xs font-normal text-gray-500">(you)</span>}
                </Td>
                <Td>{member.email}</Td>
                <Td>{roleLabel(member.role)}</Td>
                <Td>{member.departmentId ? departmentNames.get(member.departmentId) : "—"}</Td>
                <Td>{member.headOf.length > 0 ? departmentList(member.headOf) : "—"}</Td>
              </EditableRow>
            ))}
          </tbody>
        </Table>
      )}
      <FormSection title="Invite by e-mail" description="The invitation link works once, for seven days; the person signs in with their company account to accept it.">
        <InviteMemberForm departments={activeOptions(departments)} />
      </FormSection>
      {invites.length > 0 && <InvitesTable invites={invites} timeZone={organization.timeZone} />}
      <FormSection title="Add a member" description="If they were removed before, adding them again restores their membership.">
        <AddMemberForm departments={activeOptions(departments)} />
      </FormSection>
    </>
  );
}

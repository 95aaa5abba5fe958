"use server";

import type { ActionResult } from "@/app/_lib/action-result";
import type { MemberRole } from "@/server/orgs/members";
import { checkedValues, invalidFields, optionalId, textValue } from "@/app/_lib/form-values";
import { mutate } from "@/app/_lib/mutate";
import { roleLabel } from "../../_lib/roles";

const PATH = "/admin/organization/members";

/**
 * Role, home department and headed departments as the member forms send them. Headed departments
 * are checked here too (the server refuses the same) so the message lands next to the checkboxes.
 */
function readRole(formData: FormData) {
  const role = textValue(formData, "role") as MemberRole;
  const headOfDepartmentIds = role === "department_head" ? checkedValues(formData, "headOfDepartmentIds") : [];
  const missingHeadship = role === "department_head" && headOfDepartmentIds.length === 0;
  return { role, departmentId: optionalId(formData, "departmentId"), headOfDepartmentIds, missingHeadship };
}

const HEADSHIP_REQUIRED = { headOfDepartmentIds: "A department head needs at least one department" };

export async function addMember(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const { missingHeadship, ...placement } = readRole(formData);
  if (missingHeadship) return invalidFields(HEADSHIP_REQUIRED);
  const email = textValue(formData, "email");
  return mutate((api) => api.org.addMember({ email, name: textValue(formData, "name"), ...placement }), {
    revalidate: PATH,
    message: `${email} was added as ${roleLabel(placement.role)}. They can sign in now.`,
  });
}

export async function updateMember(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const { missingHeadship, ...placement } = readRole(formData);
  if (missingHeadship) return invalidFields(HEADSHIP_REQUIRED);
  return mutate((api) => api.org.updateMember({ memberId: textValue(formData, "memberId"), ...placement }), {
    revalidate: PATH,
    message: "Saved.",
  });
}

export async function removeMember(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return mutate((api) => api.org.removeMember({ memberId: textValue(formData, "memberId") }), { revalidate: PATH });
}

export async function inviteMember(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const { missingHeadship, ...placement } = readRole(formData);
  if (missingHeadship) return invalidFields(HEADSHIP_REQUIRED);
  const email = textValue(formData, "email");
  return mutate((api) => api.invites.create({ email, ...placement }), {
    revalidate: PATH,
    message: `An invitation is on its way to ${email}.`,
  });
}

export async function resendInvite(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return mutate((api) => api.invites.resend({ inviteId: textValue(formData, "inviteId") }), { revalidate: PATH, message: "Sent again with a new link." });
}

export async function revokeInvite(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return mutate((api) => api.invites.revoke({ inviteId: textValue(formData, "inviteId") }), { revalidate: PATH });
}

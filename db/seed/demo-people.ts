import { loadMemberPrincipal, type MemberPrincipal } from "../../server/auth/principal";
import { addMember, type MemberRole } from "../../server/orgs/members";
import type { Transaction } from "../transaction";
import { ACTOR } from "./demo-kit";

export interface DemoPerson {
  email: string;
  name: string;
  role: MemberRole;
  department?: string;
  headOf?: string[];
}

/** Adds the people to an organisation; returns the first administrator as a principal (to define metrics). */
export async function addPeople(db: Transaction, orgId: string, people: DemoPerson[], departmentIds: Map<string, string>): Promise<MemberPrincipal> {
  let admin: MemberPrincipal | undefined;
  for (const person of people) {
    const { userId } = await addMember(db, {
      orgId,
      actor: ACTOR,
      email: person.email,
      name: person.name,
      role: person.role,
      departmentId: person.department ? departmentIds.get(person.department) : null,
      headOfDepartmentIds: (person.headOf ?? []).map((slug) => departmentIds.get(slug)!),
    });
    if (person.role === "admin" && !admin) admin = await loadMemberPrincipal(db, userId, orgId);
  }
  if (!admin) throw new Error("A demo organisation needs an administrator");
  return admin;
}

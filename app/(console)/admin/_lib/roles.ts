import type { MemberRole } from "@/server/orgs/members";

export const ROLE_OPTIONS: { value: MemberRole; label: string }[] = [
  { value: "member", label: "Member" },
  { value: "department_head", label: "Department head" },
  { value: "finance", label: "Finance" },
  { value: "admin", label: "Administrator" },
];

export const roleLabel = (role: MemberRole) => ROLE_OPTIONS.find((option) => option.value === role)?.label ?? role;

import type { MemberPrincipal } from "@/server/auth/principal";

/** Roles that see department ROI (department heads their own departments); members see their own usage only. */
export const seesRoi = (member: MemberPrincipal) => member.role !== "member";

/** Finance and administrators compare every department with the others. */
export const comparesDepartments = (member: MemberPrincipal) => member.role === "admin" || member.role === "finance";

import { PageHeader } from "@/app/_components/page-header";
import { requireMember } from "@/server/api/server";
import { AdminOnly } from "../_components/admin-only";
import { SectionTabs } from "../_components/section-tabs";

const TABS = [
  { href: "/admin/organization", label: "Settings" },
  { href: "/admin/organization/departments", label: "Departments" },
  { href: "/admin/organization/projects", label: "Projects" },
  { href: "/admin/organization/agents", label: "Agents" },
  { href: "/admin/organization/members", label: "Members" },
];

export default async function OrganizationLayout({ children }: { children: React.ReactNode }) {
  const member = await requireMember();
  if (member.role !== "admin") return <AdminOnly title="Organisation" />;
  return (
    <>
      <PageHeader title="Organisation" description="Who belongs, how they are organised, and what a credit costs." />
      <SectionTabs label="Organisation sections" tabs={TABS} />
      {children}
    </>
  );
}

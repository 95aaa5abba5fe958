import type { Metadata } from "next";
import { EmptyState } from "@/app/_components/empty-state";
import { Table, Td, Th } from "@/app/_components/table";
import { ArchiveButton } from "../../_components/archive-button";
import { ArchivedBadge } from "../../_components/archived-badge";
import { FormSection } from "../../_components/form-section";
import { adminApi } from "../../_lib/admin-api";
import { activeOptions, namesById } from "../../_lib/options";
import { setProjectArchived } from "./actions";
import { CreateProjectForm } from "./create-project-form";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage() {
  const admin = await adminApi();
  // The layout tells non-administrators why there is nothing here.
  if (!admin) return null;
  const [projects, departments] = await Promise.all([admin.api.org.projects(), admin.api.org.departments()]);
  const departmentNames = namesById(departments);
  return (
    <>
      <p className="mb-4 max-w-3xl text-sm text-gray-500 dark:text-gray-400">
        Projects group usage across agents and people, e.g. a product launch or a client engagement.
      </p>
      {projects.length === 0 ? (
        <EmptyState title="No projects yet">Add the first one below.</EmptyState>
      ) : (
        <Table caption="Projects">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Slug</Th>
              <Th>Department</Th>
              <Th>Status</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {projects.map((project) => (
              <tr key={project.id}>
                <Td className="font-medium">{project.name}</Td>
                <Td className="font-mono text-xs">{project.slug}</Td>
                <Td>{project.departmentId ? departmentNames.get(project.departmentId) : "—"}</Td>
                <Td>
                  <ArchivedBadge archivedAt={project.archivedAt} />
                </Td>
                <Td className="text-right">
                  <ArchiveButton action={setProjectArchived} id={project.id} name={project.name} archived={Boolean(project.archivedAt)} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <FormSection title="Add a project">
        <CreateProjectForm departments={activeOptions(departments)} />
      </FormSection>
    </>
  );
}

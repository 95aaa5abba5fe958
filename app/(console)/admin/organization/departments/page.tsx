import type { Metadata } from "next";
import { EmptyState } from "@/app/_components/empty-state";
import { Table, Td, Th } from "@/app/_components/table";
import { ArchiveButton } from "../../_components/archive-button";
import { EditableRow } from "../../_components/editable-row";
import { FormSection } from "../../_components/form-section";
import { ArchivedBadge } from "../../_components/archived-badge";
import { adminApi } from "../../_lib/admin-api";
import { setDepartmentArchived } from "./actions";
import { CreateDepartmentForm } from "./create-department-form";
import { RenameDepartmentForm } from "./rename-department-form";

export const metadata: Metadata = { title: "Departments" };

export default async function DepartmentsPage() {
  const admin = await adminApi();
  // The layout tells non-administrators why there is nothing here.
  if (!admin) return null;
  const departments = await admin.api.org.departments();
  return (
    <>
      <p className="mb-4 max-w-3xl text-sm text-gray-500 dark:text-gray-400">
        Every credit spent is attributed to a department; department heads see their own departments&apos; usage, budgets and
        returns. Archiving a department keeps its history but refuses new usage that names it.
      </p>
      {departments.length === 0 ? (
        <EmptyState title="No departments yet">Add the first one below.</EmptyState>
      ) : (
        <Table caption="Departments">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Slug</Th>
              <Th>Status</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {departments.map((department) => (
              <EditableRow
                key={department.id}
                columns={4}
                subject={department.name}
                editLabel="Rename"
                editor={<RenameDepartmentForm department={{ id: department.id, name: department.name }} />}
                actions={<ArchiveButton action={setDepartmentArchived} id={department.id} name={department.name} archived={Boolean(department.archivedAt)} />}
              >
                <Td className="font-medium">{department.name}</Td>
                <Td className="font-mono text-xs">{department.slug}</Td>
                <Td>
                  <ArchivedBadge archivedAt={department.archivedAt} />
                </Td>
              </EditableRow>
            ))}
          </tbody>
        </Table>
      )}
      <FormSection title="Add a department">
        <CreateDepartmentForm />
      </FormSection>
    </>
  );
}

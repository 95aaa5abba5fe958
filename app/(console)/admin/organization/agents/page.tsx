import type { Metadata } from "next";
import { EmptyState } from "@/app/_components/empty-state";
import { Table, Td, Th } from "@/app/_components/table";
import { ArchiveButton } from "../../_components/archive-button";
import { ArchivedBadge } from "../../_components/archived-badge";
import { EditableRow } from "../../_components/editable-row";
import { FormSection } from "../../_components/form-section";
import { adminApi } from "../../_lib/admin-api";
import { activeOptions, namesById } from "../../_lib/options";
import { setAgentArchived } from "./actions";
import { CreateAgentForm } from "./create-agent-form";
import { EditAgentForm } from "./edit-agent-form";

export const metadata: Metadata = { title: "Agents" };

export default async function AgentsPage() {
  const admin = await adminApi();
  // The layout tells non-administrators why there is nothing here.
  if (!admin) return null;
  const [agents, departments, projects] = await Promise.all([admin.api.org.agents(), admin.api.org.departments(), admin.api.org.projects()]);
  const departmentNames = namesById(departments);
  const projectNames = namesById(projects);
  return (
    <>
      <div className="mb-4 max-w-3xl space-y-2 text-sm text-gray-500 dark:text-gray-400">
        <p>
          An agent is an AI worker that sibling apps name (by its slug) when they record usage.{" "}
          <strong className="font-medium text-gray-900 dark:text-gray-100">An agent&apos;s usage is attributed to its department</strong>{" "}
          — it counts towards that department&apos;s budgets and reports — and to its project unless the call names another.
        </p>
        <p>
          Moving an agent to another department changes where its future usage goes; usage already recorded stays where it was.
          An archived agent can no longer record usage.
        </p>
      </div>
      {agents.length === 0 ? (
        <EmptyState title="No agents yet">Add the first one below.</EmptyState>
      ) : (
        <Table caption="Agents">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Slug</Th>
              <Th>Department</Th>
              <Th>Project</Th>
              <Th>Description</Th>
              <Th>Status</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {agents.map((agent) => (
              <EditableRow
                key={agent.id}
                columns={7}
                subject={agent.name}
                editor={
                  <EditAgentForm
                    agent={{ id: agent.id, departmentId: agent.departmentId, projectId: agent.projectId }}
                    options={{ departments: activeOptions(departments, [agent.departmentId]), projects: activeOptions(projects, [agent.projectId]) }}
                  />
                }
                actions={<ArchiveButton action={setAgentArchived} id={agent.id} name={agent.name} archived={Boolean(agent.archivedAt)} />}
              >
                <Td className="font-medium">{agent.name}</Td>
                <Td className="font-mono text-xs">{agent.slug}</Td>
                <Td>{departmentNames.get(agent.departmentId)}</Td>
                <Td>{agent.projectId ? projectNames.get(agent.projectId) : "—"}</Td>
                <Td className="max-w-xs text-gray-500 dark:text-gray-400">{agent.description ?? ""}</Td>
                <Td>
                  <ArchivedBadge archivedAt={agent.archivedAt} />
                </Td>
              </EditableRow>
            ))}
          </tbody>
        </Table>
      )}
      <FormSection title="Add an agent">
        <CreateAgentForm options={{ departments: activeOptions(departments), projects: activeOptions(projects) }} />
      </FormSection>
    </>
  );
}

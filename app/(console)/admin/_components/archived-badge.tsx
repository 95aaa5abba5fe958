import { StatusBadge } from "./status-badge";

export function ArchivedBadge({ archivedAt }: { archivedAt: Date | null }) {
  return archivedAt ? <StatusBadge tone="gray">Archived</StatusBadge> : <StatusBadge tone="green">Active</StatusBadge>;
}

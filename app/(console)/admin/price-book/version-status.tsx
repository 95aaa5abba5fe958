import { StatusBadge } from "../_components/status-badge";

export interface VersionTiming {
  id: string;
  status: "draft" | "published";
  effectiveFrom: Date | null;
}

/**
 * Where a version stands: a draft; the one in force now; published to take over later; or
 * superseded. `inForce` is the catalog's current version (by the database's clock).
 */
export function VersionStatus({ version, inForce }: { version: VersionTiming; inForce: { id: string; effectiveFrom: Date | null } | null }) {
  if (version.status === "draft") return <StatusBadge tone="amber">Draft</StatusBadge>;
  if (version.id === inForce?.id) return <StatusBadge tone="green">In force</StatusBadge>;
  const scheduled = !inForce?.effectiveFrom || (version.effectiveFrom !== null && version.effectiveFrom > inForce.effectiveFrom);
  return scheduled ? <StatusBadge tone="blue">Scheduled</StatusBadge> : <StatusBadge tone="gray">Superseded</StatusBadge>;
}

export const versionTitle = (version: { version: number | null }) => (version.version === null ? "Draft" : `Version ${version.version}`);

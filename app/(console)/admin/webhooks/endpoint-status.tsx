import { StatusBadge } from "../_components/status-badge";

export function EndpointStatus({ enabled }: { enabled: boolean }) {
  return enabled ? <StatusBadge tone="green">Enabled</StatusBadge> : <StatusBadge tone="red">Disabled</StatusBadge>;
}

import { ActionButton } from "./action-button";
import type { FormAction } from "@/app/_components/form/use-form-action";

/** Archive or bring back a department, project or agent; archived ones can no longer be named in new usage. */
export function ArchiveButton({ action, id, name, archived }: { action: FormAction; id: string; name: string; archived: boolean }) {
  return (
    <ActionButton
      action={action}
      fields={{ id, archived: String(!archived) }}
      label={archived ? "Unarchive" : "Archive"}
      subject={name}
      pendingLabel={archived ? "Unarchiving…" : "Archiving…"}
    />
  );
}

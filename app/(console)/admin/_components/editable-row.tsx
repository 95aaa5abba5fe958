"use client";

import { useId, useState } from "react";
import { secondaryButton } from "./button-styles";

interface EditableRowProps {
  /** The row's data cells. */
  children: React.ReactNode;
  /** The form shown under the row while it is being edited. */
  editor: React.ReactNode;
  /** What is being edited, for screen readers ("Edit" … "gpt-4o"). */
  subject: string;
  /** Further buttons beside Edit (remove, archive …). */
  actions?: React.ReactNode;
  /** Columns of the whole row, actions cell included. */
  columns: number;
  editLabel?: string;
}

/** A table row whose Edit button opens a form in a full-width row below it. */
export function EditableRow({ children, editor, subject, actions, columns, editLabel = "Edit" }: EditableRowProps) {
  const [open, setOpen] = useState(false);
  const editorId = useId();
  return (
    <>
      <tr>
        {children}
        <td className="border-t border-gray-100 px-3 py-2 dark:border-gray-800">
          <div className="flex flex-wrap items-center justify-end gap-2">
            <button type="button" aria-expanded={open} aria-controls={editorId} onClick={() => setOpen(!open)} className={secondaryButton}>
              {open ? "Close" : editLabel}
              <span className="sr-only"> {subject}</span>
            </button>
            {actions}
          </div>
        </td>
      </tr>
      {open && (
        <tr id={editorId}>
          <td colSpan={columns} className="border-t border-gray-100 bg-gray-50 px-3 py-4 dark:border-gray-800 dark:bg-gray-950">
            {editor}
          </td>
        </tr>
      )}
    </>
  );
}

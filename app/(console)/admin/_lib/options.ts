/** Select options for departments, projects or agents: the active ones, plus current choices even if archived. */
export function activeOptions(rows: { id: string; name: string; archivedAt: Date | null }[], current: (string | null)[] = []) {
  return rows
    .filter((row) => !row.archivedAt || current.includes(row.id))
    .map((row) => ({ value: row.id, label: row.archivedAt ? `${row.name} (archived)` : row.name }));
}

export const NONE_OPTION = { value: "", label: "— None —" };

/** id → name, for showing references in tables. */
export const namesById = (rows: { id: string; name: string }[]) => new Map(rows.map((row) => [row.id, row.name]));

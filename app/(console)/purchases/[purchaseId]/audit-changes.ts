type Scalar = string | number | boolean | null;

export interface AuditChange {
  field: string;
  before: Scalar;
  after: Scalar;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isScalar = (value: unknown): value is Scalar => value === null || ["string", "number", "boolean"].includes(typeof value);

/**
 * The top-level fields whose plain values differ between an audit entry's before and after
 * (status, approvals, paid at …). A record that was created has no before: every field would be
 * "new", so none is listed; nested values (a quote) are left to the full record too.
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  if (!isRecord(before) || !isRecord(after)) return [];
  // Absent and null both mean "not set".
  const plain = (value: unknown) => (value === undefined ? null : value);
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((field) => isScalar(plain(before[field])) && isScalar(plain(after[field])) && plain(before[field]) !== plain(after[field]))
    .map((field) => ({ field, before: plain(before[field]) as Scalar, after: plain(after[field]) as Scalar }));
}

/** "purchase.approved" → "Purchase approved". */
export function actionLabel(action: string): string {
  const words = action.replace(/[._]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

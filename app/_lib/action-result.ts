import { TRPCError } from "@trpc/server";
import { isAppError } from "@/server/lib/errors";

/**
 * What a server action returns to its form: success (with an optional message and payload) or a
 * message a person can act on. Unexpected errors are logged server-side and shown generically.
 */
export type ActionResult<T = undefined> =
  | { ok: true; message?: string; data?: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

export const initialActionResult = { ok: true } as ActionResult<never>;

export function actionError(error: unknown): { ok: false; error: string; fieldErrors?: Record<string, string> } {
  if (error instanceof TRPCError) {
    const cause = error.cause;
    if (isAppError(cause)) return { ok: false, error: cause.message };
    if (error.code !== "INTERNAL_SERVER_ERROR") {
      const issues = zodIssues(cause);
      return issues
        ? { ok: false, error: "Some fields need attention.", fieldErrors: issues }
        : { ok: false, error: error.message };
    }
  }
  if (isAppError(error)) return { ok: false, error: error.message };
  console.error("[action] unexpected error", error);
  return { ok: false, error: "Something went wrong. Try again, or contact an administrator." };
}

function zodIssues(cause: unknown): Record<string, string> | undefined {
  const issues = (cause as { issues?: { path: PropertyKey[]; message: string }[] } | undefined)?.issues;
  if (!Array.isArray(issues)) return undefined;
  return Object.fromEntries(issues.map((issue) => [issue.path.map(String).join("."), issue.message]));
}

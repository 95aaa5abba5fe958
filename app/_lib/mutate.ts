import { revalidatePath } from "next/cache";
import { actionError, type ActionResult } from "@/app/_lib/action-result";
import { serverApi } from "@/server/api/server";

type ServerApi = Awaited<ReturnType<typeof serverApi>>;

/**
 * The body of most admin server actions: call one procedure as the signed-in member; a refusal
 * becomes the form's message (field errors included), success refreshes `revalidate` (with
 * `layout`, every page under it). Only what `data` picks from the answer goes back to the browser.
 */
export async function mutate<T, D = undefined>(
  call: (api: ServerApi) => Promise<T>,
  options: { revalidate: string; layout?: boolean; message?: string; data?: (value: T) => D },
): Promise<ActionResult<D>> {
  let value: T;
  try {
    value = await call(await serverApi());
  } catch (error) {
    return actionError(error);
  }
  if (options.layout) revalidatePath(options.revalidate, "layout");
  else revalidatePath(options.revalidate);
  return { ok: true, message: options.message, data: options.data?.(value) };
}

"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";

/**
 * A GET form whose fields become the page's query string, so a filtered view can be shared and
 * back/forward work. With JavaScript, empty fields are left out of the URL and the page updates
 * without a full reload; without it, it is a plain GET form.
 */
export function FilterForm({ action, clearHref, canClear, children }: { action: string; clearHref: string; canClear: boolean; children: React.ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value.trim()) query.append(key, value.trim());
    }
    const search = query.toString();
    startTransition(() => router.push(search ? `${action}?${search}` : action, { scroll: false }));
  }

  return (
    <form
      action={action}
      method="get"
      role="search"
      aria-label="Filters"
      onSubmit={submit}
      className="mb-6 rounded-lg border border-gray-200 bg-white p-4 dark:border-gray-800 dark:bg-gray-900"
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-5">
        {children}
        <div className="flex items-end gap-4">
          <button
            type="submit"
            disabled={pending}
            aria-busy={pending}
            className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-700 disabled:opacity-60"
          >
            {pending ? "Applying…" : "Apply filters"}
          </button>
          {canClear && (
            <Link href={clearHref} className="py-2 text-sm text-blue-600 hover:underline dark:text-blue-400">
              Clear filters
            </Link>
          )}
        </div>
      </div>
    </form>
  );
}

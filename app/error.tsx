"use client";

import Link from "next/link";
import { useEffect } from "react";

/**
 * What a person sees when a page fails: no stack and, in production, no raw message (Next.js
 * replaces server errors' messages there anyway) — only the digest, which matches the server log.
 */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;
  const detail = process.env.NODE_ENV === "development" && error instanceof Error ? error.message : undefined;

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <div role="alert" className="mx-auto my-16 max-w-lg rounded-lg border border-gray-200 bg-white p-8 text-center dark:border-gray-800 dark:bg-gray-900">
      <h1 className="text-xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-sm text-gray-600 dark:text-gray-300">
        This page could not be shown. Try again; if it keeps failing, give an administrator the reference below.
      </p>
      {digest && (
        <p className="mt-4 text-sm">
          Reference: <code className="rounded bg-gray-100 px-1.5 py-0.5 font-mono dark:bg-gray-800">{digest}</code>
        </p>
      )}
      {detail && <p className="mt-4 text-xs break-words text-gray-500">Development only: {detail}</p>}
      <div className="mt-6 flex justify-center gap-4">
        <button type="button" onClick={() => retry()} className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-700">
          Try again
        </button>
        <Link href="/" className="rounded-md px-4 py-2 text-sm font-medium text-blue-600 hover:underline dark:text-blue-400">
          Go to the overview
        </Link>
      </div>
    </div>
  );
}

/** Shown while a console page's data loads: the shape of a header, three cards and a table. */
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse">
      <span className="sr-only">Loading…</span>
      <div className="mb-2 h-7 w-48 rounded bg-gray-200 dark:bg-gray-800" />
      <div className="mb-8 h-4 w-96 max-w-full rounded bg-gray-200 dark:bg-gray-800" />
      <div className="grid gap-4 sm:grid-cols-3">
        {[0, 1, 2].map((card) => (
          <div key={card} className="h-28 rounded-lg bg-gray-200 dark:bg-gray-800" />
        ))}
      </div>
      <div className="mt-8 space-y-3">
        {[0, 1, 2, 3, 4, 5].map((row) => (
          <div key={row} className="h-9 rounded bg-gray-200 dark:bg-gray-800" />
        ))}
      </div>
    </div>
  );
}

/** A download of a page's rows (a route handler answering with CSV), so a plain link, not next/link. */
export function ExportLink({ href, children = "Export CSV" }: { href: string; children?: React.ReactNode }) {
  return (
    <a
      href={href}
      className="rounded-md border border-gray-300 bg-white px-4 py-2 text-sm font-medium shadow-sm hover:bg-gray-50 dark:border-gray-700 dark:bg-gray-900 dark:hover:bg-gray-800"
    >
      {children}
    </a>
  );
}

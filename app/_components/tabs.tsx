import Link from "next/link";

/** A row of tabs linking to views of one area; `current` (an href) is marked for screen readers. */
export function Tabs({ label, tabs, current, className = "mb-4" }: { label: string; tabs: { href: string; label: string }[]; current: string; className?: string }) {
  return (
    <nav aria-label={label} className={`${className} flex flex-wrap gap-1 border-b border-gray-200 dark:border-gray-800`}>
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.href === current ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm ${
            tab.href === current
              ? "border-blue-600 font-medium text-blue-700 dark:border-blue-400 dark:text-blue-300"
              : "border-transparent text-gray-600 hover:border-gray-300 hover:text-gray-900 dark:text-gray-400 dark:hover:text-gray-100"
          }`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}

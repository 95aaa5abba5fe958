/** Plain, consistent tables; numbers right-aligned in tabular figures. */
export function Table({ children, caption }: { children: React.ReactNode; caption?: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white dark:border-gray-800 dark:bg-gray-900">
      <table className="w-full text-left text-sm">
        {caption && <caption className="sr-only">{caption}</caption>}
        {children}
      </table>
    </div>
  );
}

export function Th({ children, numeric }: { children?: React.ReactNode; numeric?: boolean }) {
  return <th className={`border-b border-gray-200 px-3 py-2 font-medium text-gray-500 dark:border-gray-800 ${numeric ? "text-right" : ""}`}>{children}</th>;
}

export function Td({ children, numeric, className = "" }: { children?: React.ReactNode; numeric?: boolean; className?: string }) {
  return <td className={`border-t border-gray-100 px-3 py-2 dark:border-gray-800 ${numeric ? "text-right tabular-nums" : ""} ${className}`}>{children}</td>;
}

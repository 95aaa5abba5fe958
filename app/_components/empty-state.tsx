export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-gray-300 p-8 text-center dark:border-gray-700">
      <p className="font-medium">{title}</p>
      {children && <div className="mt-1 text-sm text-gray-500 dark:text-gray-400">{children}</div>}
    </div>
  );
}

/** A titled card holding one form (add a department, import a price map …). */
export function FormSection({ title, description, children }: { title: string; description?: React.ReactNode; children: React.ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="mt-8 rounded-lg border border-gray-200 bg-white p-5 dark:border-gray-800 dark:bg-gray-900">
      <h2 id={id} className="text-lg font-medium">
        {title}
      </h2>
      {description && <div className="mt-1 text-sm text-gray-500 dark:text-gray-400">{description}</div>}
      <div className="mt-4">{children}</div>
    </section>
  );
}

/**
 * A rendered e-mail, isolated: a sandboxed frame runs no scripts and cannot reach the console's
 * origin, so whatever a template or its payload holds stays inside it. Links open in a new tab.
 */
export function EmailFrame({ subject, html }: { subject: string; html: string }) {
  return (
    <iframe
      title={`E-mail: ${subject}`}
      sandbox="allow-popups allow-popups-to-escape-sandbox"
      srcDoc={html}
      className="h-[40rem] w-full rounded-lg border border-gray-200 bg-white dark:border-gray-800"
    />
  );
}

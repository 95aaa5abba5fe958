import { PageHeader } from "@/app/_components/page-header";

/** What a non-administrator sees on an admin page (the procedures refuse them too). */
export function AdminOnly({ title }: { title: string }) {
  return (
    <>
      <PageHeader title={title} />
      <p
        role="alert"
        className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
      >
        Only administrators can open this page. Ask an administrator of your organisation if something here needs to change.
      </p>
    </>
  );
}

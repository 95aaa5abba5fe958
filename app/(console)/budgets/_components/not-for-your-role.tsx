import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";

/** What a member sees on budget and alert pages: who they are for, and where the member's own spend is. */
export function NotForYourRole({ title }: { title: string }) {
  return (
    <>
      <PageHeader title={title} />
      <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-6 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100">
        <p className="font-medium">Not for your role</p>
        <p className="mt-1 text-sm">
          Budgets and their alerts are for administrators, finance and department heads. Your own spend is on the{" "}
          <Link href="/usage" className="underline">
            Usage
          </Link>{" "}
          page; ask your department head if a limit seems wrong.
        </p>
      </div>
    </>
  );
}

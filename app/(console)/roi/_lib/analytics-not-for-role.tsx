import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";

/** What a member sees on the analytics pages: who they are for, and where their own spend is. */
export function AnalyticsNotForYourRole({ title, what }: { title: string; what: string }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState title="Not for your role">
        {what} are for administrators, finance and department heads. Your own spend is on the{" "}
        <Link href="/usage" className="text-blue-600 underline dark:text-blue-400">
          Usage
        </Link>{" "}
        page.
      </EmptyState>
    </>
  );
}

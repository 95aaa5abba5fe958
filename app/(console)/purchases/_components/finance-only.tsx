import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";

/** What other roles see on the finance pages (the procedures refuse them too), and where their own purchases are. */
export function FinanceOnly({ title }: { title: string }) {
  return (
    <>
      <PageHeader title={title} />
      <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-6 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100">
        <p className="font-medium">For finance and administrators</p>
        <p className="mt-1 text-sm">
          Your own requests and their invoices are under{" "}
          <Link href="/purchases" className="underline">
            Purchases
          </Link>
          .
        </p>
      </div>
    </>
  );
}

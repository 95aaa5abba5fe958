"use client";

import "./globals.css";
import ErrorPage from "./error";

/** When the root layout itself fails: the same message, in a document of its own. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <title>Something went wrong · Allot</title>
        <ErrorPage error={error} retry={retry} />
      </body>
    </html>
  );
}

import type { Metadata } from "next";
import { AuthBasePath } from "./_components/auth-base-path";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Allot", template: "%s · Allot" },
  description: "Credits, budgets and AI-spend governance",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <AuthBasePath>{children}</AuthBasePath>
      </body>
    </html>
  );
}

"use client";

import { useFormStatus } from "react-dom";

/** Disabled and relabelled while its form's action runs, so a slow request shows progress. */
export function SubmitButton({ children, pendingLabel = "Working…", variant = "primary" }: { children: React.ReactNode; pendingLabel?: string; variant?: "primary" | "danger" | "secondary" }) {
  const { pending } = useFormStatus();
  const colours = {
    primary: "bg-blue-600 text-white hover:bg-blue-700",
    danger: "bg-red-600 text-white hover:bg-red-700",
    secondary: "border border-gray-300 bg-white text-gray-800 hover:bg-gray-50 dark:border-gray-700 dark:bg-gray-900 dark:text-gray-100",
  }[variant];
  return (
    <button type="submit" disabled={pending} aria-busy={pending} className={`rounded-md px-4 py-2 text-sm font-medium shadow-sm disabled:opacity-60 ${colours}`}>
      {pending ? pendingLabel : children}
    </button>
  );
}

"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

export function SignInButton({ provider, label, email, callbackUrl }: { provider: string; label: string; email?: string; callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn(provider, email ? { email, callbackUrl } : { callbackUrl });
      }}
      className="w-full rounded-md border border-gray-300 bg-white px-4 py-2 text-left text-sm font-medium shadow-sm hover:bg-gray-50 disabled:opacity-60 dark:border-gray-700 dark:bg-gray-900 dark:hover:bg-gray-800"
    >
      {pending ? "Signing in…" : label}
    </button>
  );
}

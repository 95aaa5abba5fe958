"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => void signOut({ callbackUrl: "/signin" })} className="text-sm text-gray-500 underline-offset-2 hover:underline">
      Sign out
    </button>
  );
}

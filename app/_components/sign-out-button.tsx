"use client";

import { signOut } from "next-auth/react";
import { withBasePath } from "@/server/lib/base-path";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => void signOut({ callbackUrl: withBasePath("/signin") })} className="text-sm text-gray-500 underline-offset-2 hover:underline">
      Sign out
    </button>
  );
}

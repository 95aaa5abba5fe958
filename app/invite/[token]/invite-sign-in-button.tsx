"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { prepareInviteSignIn } from "./actions";

/** Signs in through the host's identity provider; the invitation is accepted for the identity that comes back. */
export function InviteSignInButton({ token, provider, label, callbackUrl }: { token: string; provider: string; label: string; callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await prepareInviteSignIn(token);
        await signIn(provider, { callbackUrl });
      }}
      className="w-full rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-700 disabled:opacity-60"
    >
      {pending ? "Signing in…" : label}
    </button>
  );
}

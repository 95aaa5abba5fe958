"use client";

import { SessionProvider } from "next-auth/react";
import { withBasePath } from "@/server/lib/base-path";

/**
 * Tells next-auth's browser helpers (signIn, signOut) where its API is when Allot is mounted under a
 * base path. `session={null}`: no page reads the session in the browser, so none is fetched.
 */
export function AuthBasePath({ children }: { children: React.ReactNode }) {
  return (
    <SessionProvider basePath={withBasePath("/api/auth")} session={null} refetchOnWindowFocus={false}>
      {children}
    </SessionProvider>
  );
}

import type { NextConfig } from "next";
// Validates the environment when Next.js loads its config: a bad value stops it with a clear message.
import { env } from "./server/env";

const nextConfig: NextConfig = {
  // postgres.js stays a plain Node module, not bundled.
  serverExternalPackages: ["postgres"],
  poweredByHeader: false,
  distDir: env.ALLOT_NEXT_DIST_DIR ?? ".next",
  // Development only: lets a browser on 127.0.0.1 (as the browser tests use) reach the dev server's live reload.
  allowedDevOrigins: ["127.0.0.1"],
};

export default nextConfig;

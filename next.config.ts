import type { NextConfig } from "next";
// Validates the environment when Next.js loads its config: a bad value stops it with a clear message.
import { env } from "./server/env";

const nextConfig: NextConfig = {
  // Mounted under a path behind the host's proxy (e.g. /admin/credits); fixed at build time.
  basePath: env.ALLOT_BASE_PATH,
  // Inlined into every bundle (browser included) for server/lib/base-path.ts.
  env: { ALLOT_BASE_PATH: env.ALLOT_BASE_PATH },
  // postgres.js stays a plain Node module, not bundled.
  serverExternalPackages: ["postgres"],
  poweredByHeader: false,
  // API answers are small JSON read by machines; compressing them cost ~10 % of the server's CPU.
  // A proxy in front (which also serves the pages) is the place for compression.
  compress: false,
  distDir: env.ALLOT_NEXT_DIST_DIR ?? ".next",
  // Development only: lets a browser on 127.0.0.1 (as the browser tests use) reach the dev server's live reload.
  allowedDevOrigins: ["127.0.0.1"],
};

export default nextConfig;

/**
 * Where Allot is mounted (ALLOT_BASE_PATH, e.g. "/admin/credits"; "" at the root). next.config.ts
 * inlines it into the build, so client components see the same value as the server; server/env.ts
 * validates it. Next.js prefixes <Link> and redirect() itself; everything else that names one of our
 * URLs — fetch() from the browser, next-auth's pages, route handlers' redirects, the direct API
 * path — goes through withBasePath.
 */
export const basePath = process.env.ALLOT_BASE_PATH ?? "";

export const withBasePath = (path: string) => `${basePath}${path}`;

/**
 * A request's path as the browser asked for it. Next.js hands route handlers the URL without the
 * base path in production builds; this adds it back when it is missing.
 */
export const requestPathWithBasePath = (pathname: string) =>
  basePath && pathname !== basePath && !pathname.startsWith(`${basePath}/`) ? withBasePath(pathname) : pathname;

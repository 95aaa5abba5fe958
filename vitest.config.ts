import { defineConfig } from "vitest/config";

const alias = { "@": import.meta.dirname };

/**
 * Three suites, run one after the other: `unit` (pure functions, no database), `db` (a real
 * PostgreSQL: embedded when DATABASE_URL is unset, else a fresh database on that server) and `e2e`
 * (the app in a real browser).
 */
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", sequence: { groupOrder: 0 } } },
      {
        resolve: { alias },
        test: {
          name: "db",
          include: ["tests/db/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/global-database.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/global-database.ts", "tests/support/global-app.ts"],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          // A server action and the page it refreshes take a few seconds at worst on a busy two-core
          // machine (the app is a production build, nothing compiles on first use): more than vitest's 1 s.
          expect: { poll: { timeout: 10_000 } },
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});

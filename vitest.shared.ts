import type { ViteUserConfig } from "vitest/config";

// Every workspace runs its tests from TypeScript sources: the "development" export condition points
// @sos/* packages at src/, so no build is needed before a test run.
export const sharedTestConfig: ViteUserConfig = {
  resolve: { conditions: ["development"] },
  ssr: { resolve: { conditions: ["development"] } },
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    // Integration tests share one database server; files run in parallel, each with its own databases.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.VITEST_JSON_OUTPUT ? ["default", "json"] : ["default"],
    outputFile: process.env.VITEST_JSON_OUTPUT ? { json: process.env.VITEST_JSON_OUTPUT } : undefined,
  },
};

import { basename } from "node:path";
import type { ViteUserConfig } from "vitest/config";

// scripts/test.ts collects one JSON report per workspace to print the run's closing line.
const jsonDir = process.env["VITEST_JSON_DIR"];

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
    reporters: jsonDir ? ["default", "json"] : ["default"],
    ...(jsonDir && { outputFile: { json: `${jsonDir}/${basename(process.cwd())}.json` } }),
  },
};

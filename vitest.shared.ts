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
    // Files run one at a time (each with its own databases): a file's setup creates collections and
    // indexes, and SecantusDB 0.7.0b3 once deadlocked when DDL overlapped concurrent writes. Tests
    // inside a file still send concurrent requests where that is what they check.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: jsonDir ? ["default", "json"] : ["default"],
    ...(jsonDir && { outputFile: { json: `${jsonDir}/${basename(process.cwd())}.json` } }),
  },
};

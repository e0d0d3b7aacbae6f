import { createRequire } from "node:module";
import { basename, dirname } from "node:path";
import type { ViteUserConfig } from "vitest/config";

// scripts/test.ts collects one JSON report per workspace to print the run's closing line.
const jsonDir = process.env["VITEST_JSON_DIR"];

// Every workspace runs its tests from TypeScript sources: the "development" export condition points
// @sos/* packages at src/, so no build is needed before a test run.
// graphql-js is loaded as Node loads it in production, one CommonJS copy: Vite would otherwise give our
// sources its ES module build while Apollo and the libraries it calls use the CommonJS one, and graphql-js
// refuses a schema built by the other copy ("from another module or realm").
const graphqlMain = createRequire(import.meta.url).resolve("graphql");
const graphqlDir = dirname(graphqlMain);

export const sharedTestConfig: ViteUserConfig = {
  resolve: { conditions: ["development"], alias: [
      { find: /^graphql$/, replacement: graphqlMain },
      { find: /^graphql\/(.+?)(\.js)?$/, replacement: `${graphqlDir}/$1.js` },
    ],
  },
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

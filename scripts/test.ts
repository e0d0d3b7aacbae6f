// npm test [-- turbo args, e.g. --filter=@sos/affiliation]: every workspace's tests against a real database.
// Provisions a database server of its own (data in .dev/test-db, never the dev stack's), runs the unit tests
// of the scripts, every workspace's vitest suite through turbo and the reliability suite's short run
// (npm run reliability -- --quick, on a server of its own: it stops and restarts it), prints one closing line
// "tests: N passed, N failed", and stops the server it started, also when tests fail or on Ctrl-C.
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { provisionDatabase } from "./lib/database/index.js";
import { REPO_ROOT } from "./lib/paths.js";
import { provisionRedis } from "./lib/redis.js";

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTotalTestSuites: number;
  success: boolean;
}

function run(command: string, args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.once("exit", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

const db = await provisionDatabase({ dataDir: ".dev/test-db" });
// Rate limits shared between gateway instances are tested against a real Redis when one can be had.
const redis = await provisionRedis();
console.log(redis.url ? `[redis] ${redis.kind} at ${redis.url}` : "[redis] none found (set REDIS_URL or install redis-server): the shared rate-limit tests will be skipped");
const jsonDir = await mkdtemp(join(tmpdir(), "sos-vitest-"));
let passed = 0;
let failed = 0;
let exitCode = 0;
try {
  // Unit tests of the scripts (node's own runner, TypeScript through tsx).
  const scriptTests = (await readdir(join(REPO_ROOT, "scripts/lib"), { recursive: true })).filter((file) => /\.test\.(mjs|ts)$/.test(file)).map((file) => `scripts/lib/${file}`);
  const scripts = await run(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", ...scriptTests], {});
  passed += Number(/ℹ pass (\d+)/.exec(scripts.output)?.[1] ?? 0);
  failed += Number(/ℹ fail (\d+)/.exec(scripts.output)?.[1] ?? 0);
  if (scripts.code !== 0) exitCode = 1;

  const turbo = await run("npx", ["turbo", "run", "test", "--output-logs=full", "--concurrency=1", ...process.argv.slice(2)], {
    MONGODB_URI: db.uri,
    ...(redis.url && { REDIS_URL: redis.url }),
    VITEST_JSON_DIR: jsonDir,
    TURBO_TELEMETRY_DISABLED: "1",
    TURBO_NO_UPDATE_NOTIFIER: "1",
    FORCE_COLOR: process.stdout.isTTY ? "1" : "0",
  });
  if (turbo.code !== 0) exitCode = 1;
  // The reliability suite's short run (hostile requests, a subgraph killed, the database restarted, Redis
  // lost, a 45 s soak) on a graph and a database server of its own, after the other suites so that it
  // has the machine to itself. Skipped when the run is narrowed to some workspaces (turbo arguments).
  if (process.argv.length <= 2) {
    const reliability = await run(process.execPath, ["--conditions=development", "--import", "tsx", "scripts/reliability/run.ts", "--quick"], {});
    const checks = /checks: (\d+) passed, (\d+) failed/.exec(reliability.output);
    passed += Number(checks?.[1] ?? 0);
    // A run that ended before its checks (it could not start the graph) is one failure, not none.
    failed += checks ? Number(checks[2]) : 1;
    if (reliability.code !== 0 || !checks) exitCode = 1;
  }
  const reports = (await readdir(jsonDir)).filter((file) => file.endsWith(".json"));
  for (const file of reports) {
    const report = JSON.parse(await readFile(join(jsonDir, file), "utf8")) as VitestJson;
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  }
  if (!reports.length) {
    console.error("No test report was written: did any test run?");
    exitCode = 1;
  }
} finally {
  await rm(jsonDir, { recursive: true, force: true });
  await db.stop();
  await redis.stop();
}
if (failed > 0) exitCode = 1;
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(exitCode);

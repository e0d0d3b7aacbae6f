// npm run bench:compare [-- --rounds 5 --requests 600 --max-seconds 8 --concurrency 16 --members 3000]:
// our gateway beside Hive Gateway (JavaScript planner and Rust planner) on the same supergraph, in front of
// the same subgraphs (run from their builds), on a fresh seeded database, traffic only to 127.0.0.1.
// Gateways are measured in turns, round after round, and each figure is the median of the rounds; it
// writes BENCHMARKS.md and scripts/bench/results/<date>-compare-<database>.json. See scripts/bench/README.md.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "../lib/paths.js";
import type { RunningService } from "../lib/services.js";
import { serverVersion } from "./database.js";
import { round, runLoad } from "./load.js";
import { intOption } from "./options.js";
import { clockTicksPerSecond } from "./metrics.js";
import { measure, subgraphCounters, type Measurement } from "./compare/measure.js";
import { BENCHMARKS_PATH, machineFacts, renderBenchmarks, type CompareReport, type ScenarioReport } from "./compare/report.js";
import { compareScenarios, signTokenPools, type Target } from "./compare/scenarios.js";
import { ensureHiveInstalled, startStack, type BenchStack, type GatewayKey } from "./compare/stack.js";

const DEFAULTS = { members: 3000, rounds: 5, requests: 600, maxSeconds: 8, concurrency: 16, warmup: 150 } as const;
const ALL_GATEWAYS: readonly GatewayKey[] = ["ours", "hive-js", "hive-rust"];

const { values } = parseArgs({
  options: {
    members: { type: "string" },
    rounds: { type: "string" },
    requests: { type: "string" },
    "max-seconds": { type: "string" },
    concurrency: { type: "string" },
    warmup: { type: "string" },
    gateways: { type: "string" },
    scenarios: { type: "string" },
    "no-build": { type: "boolean" },
    "no-write": { type: "boolean" },
  },
});

const settings = {
  members: intOption("members", values.members, DEFAULTS.members, 10),
  rounds: intOption("rounds", values.rounds, DEFAULTS.rounds, 1),
  requests: intOption("requests", values.requests, DEFAULTS.requests, 1),
  maxSeconds: intOption("max-seconds", values["max-seconds"], DEFAULTS.maxSeconds, 1),
  concurrency: intOption("concurrency", values.concurrency, DEFAULTS.concurrency, 1),
  warmup: intOption("warmup", values.warmup, DEFAULTS.warmup, 0),
};
const gatewayKeys = (values.gateways?.split(",") ?? ALL_GATEWAYS).map((key) => key.trim()) as GatewayKey[];
if (!gatewayKeys.length || gatewayKeys.some((key) => !ALL_GATEWAYS.includes(key))) {
  console.error(`--gateways: a comma-separated list of ${ALL_GATEWAYS.join(", ")}`);
  process.exit(2);
}
const scenarioKeys = values.scenarios?.split(",").map((key) => key.trim()) ?? null;
const command = `npm run bench:compare -- ${process.argv.slice(2).join(" ")}`.trim().replace(/ --$/, "");

const log = (message: string): void => void process.stderr.write(`[bench:compare] ${message}\n`);
const stopLoad = new AbortController();
let failure: Error | null = null;
let rejectFailed: (error: Error) => void = () => {};
const failed = new Promise<never>((_, reject) => (rejectFailed = reject));
failed.catch(() => {});
const spawned: RunningService[] = [];
let stack: BenchStack | null = null;
const fail = (error: Error): void => {
  failure ??= error;
  stopLoad.abort(failure);
  rejectFailed(failure);
};
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    // The load stops; the run's `finally` stops the processes and drops the databases. Should that not
    // happen within 30 s (a step that cannot be interrupted), the processes are stopped here.
    fail(new Error(`interrupted by ${signal}`));
    setTimeout(() => void Promise.all(spawned.map((service) => service.stop())).finally(() => process.exit(130)), 30_000).unref();
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const medianOf = (runs: Measurement[], pick: (m: Measurement) => number | null): number | null => {
  const present = runs.map(pick).filter((value): value is number => value !== null);
  return present.length ? round(median(present), 2) : null;
};

let exitCode = 0;
try {
  if (!values["no-build"]) {
    log("building every package (npm run build; turbo skips what has not changed)");
    execFileSync("npx", ["turbo", "run", "build", "--output-logs=errors-only"], { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "inherit"] });
  }
  const hiveVersions = gatewayKeys.some((key) => key !== "ours") ? ensureHiveInstalled(log) : {};
  stack = await startStack({
    members: settings.members,
    gateways: gatewayKeys,
    onStarted: (service) => spawned.push(service),
    onExit: (name, code) => fail(new Error(`${name} stopped unexpectedly (exit code ${code})`)),
    failed,
    log,
  });
  log(`graph up: ${stack.subgraphs.length} subgraphs; gateways ready after ${Object.entries(stack.startMs).map(([key, ms]) => `${key} ${ms} ms`).join(", ")}`);

  const tokens = await signTokenPools(stack.signer, settings.concurrency * 4);
  const scenarios = compareScenarios(tokens, stack.gatewaySecret).filter((scenario) => !scenarioKeys || scenarioKeys.includes(scenario.key));
  const counters = subgraphCounters(stack.subgraphs, stack.metricsToken);
  const msPerTick = 1000 / clockTicksPerSecond();
  const reports: ScenarioReport[] = [];

  for (const scenario of scenarios) {
    const targets: { target: Target; label: string; url: string; pid: number | undefined }[] = stack.gateways.map((gateway) => ({
      target: { kind: "gateway", key: gateway.key },
      label: gateway.key,
      url: gateway.url,
      pid: gateway.service.child.pid,
    }));
    const direct = scenario.directSubgraph ? stack.subgraphs.find(({ name }) => name === scenario.directSubgraph) : undefined;
    if (direct) targets.push({ target: { kind: "subgraph", name: direct.name }, label: `${direct.name} subgraph, direct`, url: direct.url, pid: direct.service.child.pid });

    // Each target warmed up (JIT, plan caches, connection pools) before any is measured.
    for (const { target, label, url } of targets) {
      const warm = await runLoad(
        { key: scenario.key, title: scenario.title, request: (i) => scenario.request(i, target) },
        { url, requests: settings.warmup, concurrency: settings.concurrency, maxMs: 10_000, signal: stopLoad.signal },
      );
      if (warm.errors) throw new Error(`${scenario.key} through ${label}: ${warm.errors} errors in the warm-up, the first: ${warm.firstError}`);
    }
    const runs = new Map<string, Measurement[]>(targets.map(({ label }) => [label, []]));
    for (let round = 0; round < settings.rounds; round += 1) {
      // Turns rotate each round, so no target always runs first (or right after the heaviest).
      const order = targets.map((_, i) => targets[(i + round) % targets.length] as (typeof targets)[number]);
      for (const { target, label, url, pid } of order) {
        if (failure) throw failure;
        const result = await measure(scenario, target, { url, pid, requests: settings.requests, concurrency: settings.concurrency, maxMs: settings.maxSeconds * 1000, msPerTick, signal: stopLoad.signal, counters });
        runs.get(label)?.push(result);
        log(`${scenario.key} round ${round + 1}/${settings.rounds} ${label}: ${result.throughput} req/s, ${result.cpuMsPerRequest} CPU ms/req, ${result.errors} errors`);
      }
    }
    reports.push({
      key: scenario.key,
      title: scenario.title,
      operation: scenario.operation,
      targets: targets.map(({ label }) => {
        const all = runs.get(label) ?? [];
        return {
          label,
          rounds: all.length,
          requests: all.reduce((sum, run) => sum + run.requests, 0),
          errors: all.reduce((sum, run) => sum + run.errors, 0),
          firstError: all.find((run) => run.firstError)?.firstError ?? null,
          throughput: medianOf(all, (run) => run.throughput),
          p50: medianOf(all, (run) => run.latencyMs.p50),
          p95: medianOf(all, (run) => run.latencyMs.p95),
          p99: medianOf(all, (run) => run.latencyMs.p99),
          cpuMsPerRequest: medianOf(all, (run) => run.cpuMsPerRequest),
          requestsPerCpuSecond: medianOf(all, (run) => run.requestsPerCpuSecond),
          peakRssMiB: all.reduce<number | null>((peak, run) => (run.peakRssMiB === null ? peak : Math.max(peak ?? 0, run.peakRssMiB)), null),
          subgraphCallsPerRequest: medianOf(all, (run) => run.subgraphCallsPerRequest),
          dbCommandsPerRequest: medianOf(all, (run) => run.dbCommandsPerRequest),
          runs: all,
        };
      }),
    });
    if (reports.at(-1)?.targets.some((target) => target.errors > 0)) exitCode = 1;
  }

  const rootPackage = JSON.parse(readFileSync(join(REPO_ROOT, "gateway", "package.json"), "utf8")) as { dependencies: Record<string, string> };
  const report: CompareReport = {
    date: new Date().toISOString(),
    command,
    settings,
    machine: machineFacts(),
    database: { kind: stack.db.kind, version: await serverVersion(stack.monitor) },
    versions: { "@apollo/gateway": rootPackage.dependencies["@apollo/gateway"] ?? "?", "@apollo/server": rootPackage.dependencies["@apollo/server"] ?? "?", ...hiveVersions },
    startMs: stack.startMs,
    scenarios: reports,
  };
  const markdown = renderBenchmarks(report, existsSync(BENCHMARKS_PATH) ? readFileSync(BENCHMARKS_PATH, "utf8") : "");
  console.log(markdown);
  // --no-write: a trial (a profile, one scenario) leaves the recorded results alone; so does a run with errors.
  if (exitCode !== 0) log("errors in the run: BENCHMARKS.md and results/ left as they were");
  else if (!values["no-write"]) {
    const resultsDir = join(REPO_ROOT, "scripts", "bench", "results");
    await mkdir(resultsDir, { recursive: true });
    const file = join(resultsDir, `${report.date.slice(0, 10)}-compare-${stack.db.kind}.json`);
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(BENCHMARKS_PATH, markdown);
    log(`results: ${file.slice(REPO_ROOT.length + 1)}, BENCHMARKS.md`);
  }
} catch (error) {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  exitCode = 1;
} finally {
  await stack?.stop();
}
process.exit(exitCode);

// npm run reliability [-- --only hostile,faults,soak --requests 10000 --soak-minutes 10 --members 200]:
// the graph's reliability suite (scripts/reliability/README.md). Starts the whole graph from its builds on a
// database server and a Redis of its own, then: 10,000 hostile requests with the databases hashed before and
// after; a subgraph killed, the database restarted and Redis lost, each under load; a soak on the member
// dashboard with its memory curve. Prints each report and writes RELIABILITY.md (`--no-write`: print only).
// `--quick` is the short version the test command runs. Exits 1 when any check fails.
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { intOption } from "../bench/options.js";
import { REPO_ROOT } from "../lib/paths.js";
import type { RunningService } from "../lib/services.js";
import { runFaults } from "./faults.js";
import { runHostile } from "./hostile/run.js";
import { renderHostile, renderFaults, renderSoak, writeReliability, type Check } from "./report.js";
import { runSoak } from "./soak.js";
import { startReliabilityStack, type ReliabilityStack } from "./stack.js";

const PARTS = ["hostile", "faults", "soak"] as const;
type Part = (typeof PARTS)[number];

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    requests: { type: "string" },
    "soak-minutes": { type: "string" },
    "soak-rate": { type: "string" },
    members: { type: "string" },
    quick: { type: "boolean" },
    "no-build": { type: "boolean" },
    "no-write": { type: "boolean" },
  },
});
const quick = values.quick ?? false;
const settings = {
  requests: intOption("requests", values.requests, quick ? 1_500 : 10_000, 1),
  // The short run's soak is 45 s: long enough to find errors under steady load, too short to judge memory.
  soakSeconds: quick && values["soak-minutes"] === undefined ? 45 : 60 * intOption("soak-minutes", values["soak-minutes"], 10, 1),
  // Half of what this 2-core machine sustains (BENCHMARKS.md): a steady load, not a stress test.
  soakRate: intOption("soak-rate", values["soak-rate"], 10, 1),
  members: intOption("members", values.members, 200, 10),
};
const parts = (values.only?.split(",").map((part) => part.trim()) ?? [...PARTS]) as Part[];
if (!parts.length || parts.some((part) => !PARTS.includes(part))) {
  console.error(`--only: a comma-separated list of ${PARTS.join(", ")}`);
  process.exit(2);
}
const command = `npm run reliability -- ${process.argv.slice(2).join(" ")}`.trim().replace(/ --$/, "");
const log = (message: string): void => void process.stderr.write(`[reliability] ${message}\n`);

const spawned: RunningService[] = [];
let stack: ReliabilityStack | null = null;
let interrupted = false;
// Listening (not once) keeps the database helper from ending the process as soon as its server is down:
// the graph, Redis and the databases are stopped first. A second signal ends it at once.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log(`interrupted by ${signal}: stopping the graph (again to quit now)`);
    const stopping = stack ? stack.stop() : Promise.all(spawned.map((service) => service.stop()));
    void stopping.catch(() => {}).finally(() => process.exit(130));
  });
}

if (!values["no-build"]) {
  log("building every package (npm run build; turbo skips what has not changed)");
  execFileSync("npx", ["turbo", "run", "build", "--output-logs=errors-only"], { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "inherit"] });
}

const checks: Check[] = [];
const sections: Partial<Record<Part, string>> = {};
try {
  stack = await startReliabilityStack({ members: settings.members, restartDelayMs: 3_000, log, onStarted: (service) => spawned.push(service) });
  log(`graph ready at ${stack.gatewayUrl}`);
  if (parts.includes("hostile")) {
    const report = await runHostile(stack, { requests: settings.requests, concurrency: 16, log });
    const rendered = renderHostile(report);
    checks.push(...rendered.checks);
    sections.hostile = rendered.markdown;
  }
  if (parts.includes("faults")) {
    const report = await runFaults(stack, { log });
    const rendered = renderFaults(report);
    checks.push(...rendered.checks);
    sections.faults = rendered.markdown;
  }
  if (parts.includes("soak")) {
    const report = await runSoak(stack, { seconds: settings.soakSeconds, rate: settings.soakRate, log });
    const rendered = renderSoak(report, quick);
    checks.push(...rendered.checks);
    sections.soak = rendered.markdown;
  }
} finally {
  await stack?.stop();
}

for (const part of parts) if (sections[part]) console.log(`\n${sections[part]}`);
const failed = checks.filter((check) => !check.ok);
console.log(`\nchecks: ${checks.length - failed.length} passed, ${failed.length} failed`);
for (const check of failed) console.log(`  FAILED ${check.name}: ${check.detail}`);
if (!values["no-write"] && !quick) {
  await writeReliability(sections, { command, settings });
  log("wrote RELIABILITY.md");
}
process.exit(failed.length ? 1 : 0);

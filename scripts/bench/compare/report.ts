// BENCHMARKS.md as npm run bench:compare writes it: the machine, the versions, the command, each scenario's
// medians per gateway and the targets as ratios. What follows the history marker is written by people
// (what each change did, before and after) and kept from one run to the next.
import { cpus, totalmem, release } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../../lib/paths.js";
import type { Measurement } from "./measure.js";
import type { GatewayKey } from "./stack.js";
import { GATEWAY_LABELS } from "./stack.js";

export const BENCHMARKS_PATH = join(REPO_ROOT, "BENCHMARKS.md");
export const HISTORY_MARKER = "<!-- Everything below this line is kept by npm run bench:compare: the history of changes and their measurements. -->";

export interface TargetReport {
  label: string;
  rounds: number;
  requests: number;
  errors: number;
  firstError: string | null;
  throughput: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  cpuMsPerRequest: number | null;
  requestsPerCpuSecond: number | null;
  peakRssMiB: number | null;
  subgraphCallsPerRequest: number | null;
  dbCommandsPerRequest: number | null;
  runs: Measurement[];
}

export interface ScenarioReport {
  key: string;
  title: string;
  operation: string;
  targets: TargetReport[];
}

export interface CompareReport {
  date: string;
  command: string;
  settings: { members: number; rounds: number; requests: number; maxSeconds: number; concurrency: number; warmup: number };
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; kernel: string };
  database: { kind: string; version: string };
  versions: Record<string, string>;
  startMs: Partial<Record<GatewayKey, number>>;
  scenarios: ScenarioReport[];
}

export function machineFacts(): CompareReport["machine"] {
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, kernel: release() };
}

/** 250 MB, the memory target, in MiB (what /proc reports, in KiB). */
const RSS_TARGET_MIB = 250e6 / 2 ** 20;
const START_TARGET_MS = 2_000;
const OVERHEAD_TARGET = 0.7;

const show = (value: number | null, digits = 2): string => (value === null ? "—" : value.toFixed(digits));
const ratio = (a: number | null | undefined, b: number | null | undefined): number | null => (a == null || b == null || b === 0 ? null : a / b);
const verdict = (met: boolean | null): string => (met === null ? "not measured" : met ? "**met**" : "**not met**");

function targetOf(report: CompareReport, scenario: string, label: string): TargetReport | undefined {
  return report.scenarios.find((s) => s.key === scenario)?.targets.find((t) => t.label === label);
}

/** The issue's targets, each as a ratio or a figure from this run. */
function targets(report: CompareReport): string[] {
  const rows: string[] = ["| Target | Measured | |", "|---|---|---|"];
  for (const [key, name] of [
    ["dashboard", "Member dashboard"],
    ["fanout", "Deep fan-out"],
  ] as const) {
    const ours = targetOf(report, key, "ours")?.requestsPerCpuSecond;
    const rust = targetOf(report, key, "hive-rust")?.requestsPerCpuSecond;
    const r = ratio(ours, rust);
    rows.push(`| ${name}: requests per gateway CPU-second above Hive Gateway with the Rust planner | ${show(ours ?? null, 0)} vs ${show(rust ?? null, 0)}: ratio ${show(r)} | ${verdict(r === null ? null : r > 1)} |`);
  }
  const overhead = report.scenarios.find((s) => s.key === "overhead");
  const direct = overhead?.targets.find((t) => t.label.endsWith("direct"));
  const through = ratio(targetOf(report, "overhead", "ours")?.throughput, direct?.throughput);
  rows.push(`| Gateway overhead: our throughput ≥ ${OVERHEAD_TARGET} of the subgraph's, answered directly | ${show(targetOf(report, "overhead", "ours")?.throughput ?? null, 0)} vs ${show(direct?.throughput ?? null, 0)} req/s: ratio ${show(through)} | ${verdict(through === null ? null : through >= OVERHEAD_TARGET)} |`);
  const small = targetOf(report, "nplus1-10", "ours");
  const large = targetOf(report, "nplus1-100", "ours");
  const flat = small && large ? Math.round(small.dbCommandsPerRequest ?? -1) === Math.round(large.dbCommandsPerRequest ?? -2) : null;
  rows.push(`| N+1: database commands per request the same at 10 and 100 entries | ${show(small?.dbCommandsPerRequest ?? null)} and ${show(large?.dbCommandsPerRequest ?? null)} (subgraph calls ${show(small?.subgraphCallsPerRequest ?? null)} and ${show(large?.subgraphCallsPerRequest ?? null)}) | ${verdict(flat)} |`);
  const rss = targetOf(report, "dashboard", "ours")?.peakRssMiB ?? null;
  rows.push(`| Memory: our gateway's peak RSS under 250 MB (${RSS_TARGET_MIB.toFixed(0)} MiB) during the dashboard run | ${show(rss, 0)} MiB | ${verdict(rss === null ? null : rss < RSS_TARGET_MIB)} |`);
  const start = report.startMs.ours ?? null;
  rows.push(`| Start: our gateway ready within ${START_TARGET_MS / 1000} s of launch | ${start === null ? "—" : `${(start / 1000).toFixed(2)} s`} | ${verdict(start === null ? null : start <= START_TARGET_MS)} |`);
  return rows;
}

function scenarioTable(scenario: ScenarioReport): string[] {
  const rust = scenario.targets.find((t) => t.label === "hive-rust");
  const rows = [
    `### ${scenario.title}`,
    "",
    scenario.operation + ".",
    "",
    "| Target | req/s | p50 ms | p95 ms | p99 ms | gateway CPU ms/req | req per gateway CPU-s | vs Hive Rust | peak RSS MiB | subgraph calls/req | DB commands/req | errors |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
  ];
  for (const t of scenario.targets) {
    const name = GATEWAY_LABELS[t.label as GatewayKey] ?? t.label;
    const versus = t.label.endsWith("direct") ? "" : show(ratio(t.requestsPerCpuSecond, rust?.requestsPerCpuSecond));
    rows.push(
      `| ${name} | ${show(t.throughput, 1)} | ${show(t.p50)} | ${show(t.p95)} | ${show(t.p99)} | ${show(t.cpuMsPerRequest)} | ${show(t.requestsPerCpuSecond, 0)} | ${versus} | ${show(t.peakRssMiB, 0)} | ${show(t.subgraphCallsPerRequest)} | ${show(t.dbCommandsPerRequest)} | ${t.errors}${t.firstError ? ` (${t.firstError.slice(0, 80)})` : ""} |`,
    );
  }
  return [...rows, ""];
}

export function renderBenchmarks(report: CompareReport, previous: string): string {
  const at = previous.indexOf(HISTORY_MARKER);
  const history = at >= 0 ? previous.slice(at + HISTORY_MARKER.length).trim() : "";
  const s = report.settings;
  const versions = Object.entries(report.versions).map(([name, version]) => `${name} ${version}`).join(", ");
  return [
    "# Benchmarks: our gateway beside Hive Gateway",
    "",
    `Written by \`${report.command}\` on ${report.date.slice(0, 16).replace("T", " ")} UTC. Run it again to regenerate this part; the history below is kept.`,
    "",
    `- **Machine:** ${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGiB} GiB, Linux ${report.machine.kernel}, Node ${report.machine.node}. The load generator, the gateways, the subgraphs and the database share these CPUs.`,
    `- **Database:** ${report.database.version} (${report.database.kind}); latencies and throughput depend on it and on the machine, CPU per request much less.`,
    `- **Versions:** ${versions}.`,
    `- **Graph:** every subgraph from its build (\`node dist/index.js\`), seeded as \`npm start\` seeds it (${s.members} members); the three gateways run as production runs them (\`NODE_ENV=production\`), one process each, on the same supergraph, in front of the same subgraph processes.`,
    `- **Load:** ${s.concurrency} concurrent connections; each request carries one of ${s.concurrency * 4} distinct tokens of its persona, rotated, so no two requests in flight share one. Per scenario, every target is warmed up (${s.warmup} requests), then measured in ${s.rounds} alternated rounds of ${s.requests} requests (at most ${s.maxSeconds} s each); figures are medians of the rounds, peak RSS the largest seen.`,
    "- **Columns:** gateway CPU is user + system time of the gateway process from `/proc/<pid>/stat` (the subgraph's own process for the direct row); requests per gateway CPU-second is its inverse, the figure that compares gateways on a shared machine; subgraph calls and database commands per request come from the subgraphs' own `/metrics`.",
    "- **What each gateway does:** ours verifies every token (ES256, cached until it expires), applies rate limits (counted in memory here), cost, depth and alias limits, and records metrics; Hive Gateway here only forwards the token, the purpose, the request id and the subgraphs' secret. The subgraphs verify the token again either way.",
    "",
    "## Targets",
    "",
    ...targets(report),
    "",
    "## Scenarios",
    "",
    ...report.scenarios.flatMap(scenarioTable),
    "## Start",
    "",
    "| Gateway | ready after (spawn to first ready answer) |",
    "|---|--:|",
    ...Object.entries(report.startMs).map(([key, ms]) => `| ${GATEWAY_LABELS[key as GatewayKey]} | ${ms} ms |`),
    "",
    HISTORY_MARKER,
    "",
    history,
    "",
  ].join("\n");
}

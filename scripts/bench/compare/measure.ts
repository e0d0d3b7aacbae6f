// One measured phase of npm run bench:compare: the load against one target, and around it what the target
// process burned (CPU from /proc), the most memory it held (RSS sampled every 100 ms) and what the
// subgraphs did for it (GraphQL calls and database commands, from their own /metrics).
import { readFileSync } from "node:fs";
import { round, roundSummary, runLoad, summarize, type LatencySummary } from "../load.js";
import { cpuTicks } from "../metrics.js";
import type { CompareScenario, Target } from "./scenarios.js";

export interface Measurement {
  requests: number;
  errors: number;
  firstError: string | null;
  wallMs: number;
  throughput: number;
  latencyMs: LatencySummary;
  /** CPU of the target process (gateway, or the subgraph called directly) per request, in ms. */
  cpuMsPerRequest: number | null;
  /** Requests served per second of the target process's CPU. */
  requestsPerCpuSecond: number | null;
  /** The target process's largest resident set seen during the phase, in MiB. */
  peakRssMiB: number | null;
  /** GraphQL requests the subgraphs answered, per client request. */
  subgraphCallsPerRequest: number | null;
  /** Database commands the subgraphs sent, per client request. */
  dbCommandsPerRequest: number | null;
}

export interface MeasureOptions {
  url: string;
  pid: number | undefined;
  requests: number;
  concurrency: number;
  maxMs: number;
  msPerTick: number;
  signal: AbortSignal;
  /** Reads the subgraphs' counters (summed over every subgraph). */
  counters: () => Promise<SubgraphCounters>;
}

export interface SubgraphCounters {
  calls: number;
  dbCommands: number;
}

/** Resident set size of a process in MiB (/proc/<pid>/status VmRSS), null when unreadable. */
export function rssMiB(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export async function measure(scenario: CompareScenario, target: Target, options: MeasureOptions): Promise<Measurement> {
  const load = { request: (i: number) => scenario.request(i, target), key: scenario.key, title: scenario.title };
  const countersBefore = await options.counters();
  const cpuBefore = cpuTicks(options.pid);
  let peakRss = rssMiB(options.pid) ?? 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMiB(options.pid) ?? 0);
  }, 100);
  const result = await runLoad(load, { url: options.url, requests: options.requests, concurrency: options.concurrency, maxMs: options.maxMs, signal: options.signal });
  clearInterval(sampler);
  const cpuAfter = cpuTicks(options.pid);
  const countersAfter = await options.counters();
  const n = result.requests || 1;
  const cpuMs = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) * options.msPerTick;
  const latency = summarize(result.latencies);
  return {
    requests: result.requests,
    errors: result.errors,
    firstError: result.firstError,
    wallMs: round(result.wallMs, 1),
    throughput: round(result.requests / (result.wallMs / 1000), 1),
    latencyMs: roundSummary(latency),
    cpuMsPerRequest: cpuMs === null ? null : round(cpuMs / n, 3),
    requestsPerCpuSecond: cpuMs === null || cpuMs === 0 ? null : round(result.requests / (cpuMs / 1000), 1),
    peakRssMiB: peakRss ? round(peakRss, 1) : null,
    subgraphCallsPerRequest: round((countersAfter.calls - countersBefore.calls) / n, 2),
    dbCommandsPerRequest: round((countersAfter.dbCommands - countersBefore.dbCommands) / n, 2),
  };
}

/** Sums the GraphQL requests and database commands counted by every subgraph's /metrics. */
export function subgraphCounters(subgraphs: readonly { url: string }[], metricsToken: string): () => Promise<SubgraphCounters> {
  const sum = (text: string, metric: string): number =>
    text
      .split("\n")
      .filter((line) => line.startsWith(`${metric}{`))
      .reduce((total, line) => total + Number(line.slice(line.lastIndexOf(" ") + 1)), 0);
  return async () => {
    const texts = await Promise.all(
      subgraphs.map(async ({ url }) => {
        const response = await fetch(url.replace(/\/graphql$/, "/metrics"), { headers: { authorization: `Bearer ${metricsToken}` }, signal: AbortSignal.timeout(5_000) });
        if (!response.ok) throw new Error(`${url}: /metrics answered ${response.status}`);
        return response.text();
      }),
    );
    return {
      calls: texts.reduce((total, text) => total + sum(text, "sos_graphql_requests_total"), 0),
      dbCommands: texts.reduce((total, text) => total + sum(text, "sos_mongodb_command_duration_seconds_count"), 0),
    };
  };
}

// The soak: the member dashboard at a steady rate for a long time, memory read every 5 s (each process's
// resident set from /proc, the gateway's V8 heap from its /metrics), answers judged as in the fault run.
// Memory is flat when the gateway's resident set at the end is within 10 % of what it was after warm-up
// (medians of a window at each end, so one sample taken before or after a garbage collection decides nothing).
import { rssMiB } from "../bench/compare/measure.js";
import { percentile, round } from "../bench/load.js";
import { until } from "./readiness.js";
import type { ReliabilityStack } from "./stack.js";
import { startDashboardTraffic, tally } from "./traffic.js";

const SAMPLE_EVERY_MS = 5_000;

export interface MemorySample {
  /** Seconds since the soak started. */
  second: number;
  gatewayRssMiB: number | null;
  gatewayHeapMiB: number | null;
  subgraphsRssMiB: number;
}

export interface SoakReport {
  seconds: number;
  rate: number;
  answers: ReturnType<typeof tally>;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** One row per interval: memory at its end, and the interval's answers. */
  curve: (MemorySample & { requests: number; failed: number; p95Ms: number })[];
  warmupSeconds: number;
  /** Medians of the window right after warm-up and of the last window. */
  gatewayRss: { afterWarmup: number; end: number; growthPercent: number };
  gatewayHeap: { afterWarmup: number; end: number; growthPercent: number };
  crashes: number;
}

async function gatewayHeapMiB(stack: ReliabilityStack): Promise<number | null> {
  try {
    const response = await fetch(stack.gatewayUrl.replace(/\/graphql$/, "/metrics"), { headers: { authorization: `Bearer ${stack.metricsToken}` }, signal: AbortSignal.timeout(2_000) });
    const match = /^sos_nodejs_heap_size_used_bytes(?:\{[^}]*\})? (\d+(?:\.\d+)?)/m.exec(await response.text());
    return match ? Number(match[1]) / 2 ** 20 : null;
  } catch {
    return null;
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? (sorted[Math.floor(sorted.length / 2)] as number) : Number.NaN;
};

export async function runSoak(stack: ReliabilityStack, options: { seconds: number; rate: number; log: (message: string) => void }): Promise<SoakReport> {
  const exitsBefore = stack.exits.length;
  const memory: MemorySample[] = [];
  const traffic = await startDashboardTraffic(stack, { rate: options.rate });
  const readMemory = async (): Promise<void> => {
    const subgraphs = stack.graph.subgraphs.reduce((sum, { service }) => sum + (rssMiB(service.child.pid) ?? 0), 0);
    memory.push({ second: Math.round(traffic.elapsed() / 1_000), gatewayRssMiB: rssMiB(stack.graph.gateway?.child.pid), gatewayHeapMiB: await gatewayHeapMiB(stack), subgraphsRssMiB: subgraphs });
  };
  options.log(`soak: the member dashboard at ${options.rate}/s for ${options.seconds} s`);
  for (let next = SAMPLE_EVERY_MS; next <= options.seconds * 1_000; next += SAMPLE_EVERY_MS) {
    await until(() => traffic.elapsed() >= next, SAMPLE_EVERY_MS * 3, "the next memory sample");
    await readMemory();
    if (next % 60_000 === 0) options.log(`soak: ${next / 60_000} min, ${traffic.samples.length} requests`);
  }
  const samples = await traffic.stop();

  const warmupSeconds = Math.max(15, Math.round(options.seconds / 10));
  const windowSeconds = Math.max(10, Math.round(options.seconds / 10));
  const settled = memory.filter((sample) => sample.second > warmupSeconds);
  const first = settled.filter((sample) => sample.second <= warmupSeconds + windowSeconds);
  const last = settled.filter((sample) => sample.second > options.seconds - windowSeconds);
  const growth = (pick: (sample: MemorySample) => number | null) => {
    const afterWarmup = median(first.map(pick).filter((value): value is number => value !== null));
    const end = median(last.map(pick).filter((value): value is number => value !== null));
    return { afterWarmup: round(afterWarmup, 1), end: round(end, 1), growthPercent: round(((end - afterWarmup) / afterWarmup) * 100, 1) };
  };

  // The curve in about 20 rows, whatever the length of the soak.
  const rowEvery = Math.max(SAMPLE_EVERY_MS, Math.ceil(options.seconds / 20 / 5) * SAMPLE_EVERY_MS);
  const curve: SoakReport["curve"] = [];
  for (const sample of memory) {
    if ((sample.second * 1_000) % rowEvery !== 0 && sample !== memory[memory.length - 1]) continue;
    const interval = samples.filter((answer) => answer.at >= sample.second * 1_000 - rowEvery && answer.at < sample.second * 1_000);
    const latencies = interval.map((answer) => answer.ms).sort((a, b) => a - b);
    curve.push({ ...sample, gatewayRssMiB: sample.gatewayRssMiB === null ? null : round(sample.gatewayRssMiB, 1), gatewayHeapMiB: sample.gatewayHeapMiB === null ? null : round(sample.gatewayHeapMiB, 1), subgraphsRssMiB: round(sample.subgraphsRssMiB, 1), requests: interval.length, failed: interval.filter((answer) => answer.verdict !== "whole").length, p95Ms: round(percentile(latencies, 95), 1) });
  }
  const latencies = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  return {
    seconds: options.seconds,
    rate: options.rate,
    answers: tally(samples),
    latencyMs: { p50: round(percentile(latencies, 50), 1), p95: round(percentile(latencies, 95), 1), p99: round(percentile(latencies, 99), 1), max: round(latencies[latencies.length - 1] ?? 0, 1) },
    curve,
    warmupSeconds,
    gatewayRss: growth((sample) => sample.gatewayRssMiB),
    gatewayHeap: growth((sample) => sample.gatewayHeapMiB),
    crashes: stack.exits.length - exitsBefore,
  };
}

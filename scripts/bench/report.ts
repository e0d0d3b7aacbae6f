// The benchmark's results: their shape (also the JSON file's) and the Markdown table printed to stdout.
import { type LatencySummary } from "./load.js";
import { OP_KINDS, type OpCounters } from "./metrics.js";

export interface BenchSettings {
  members: number;
  requests: number;
  concurrency: number;
  warmup: number;
  /** Upper bound on each scenario's measured phase, in seconds. */
  maxSeconds: number;
}

export interface ScenarioResult {
  key: string;
  title: string;
  requests: number;
  errors: number;
  firstError: string | null;
  /** True when the per-scenario time bound ended it before `requests`. */
  timeBound: boolean;
  wallMs: number;
  /** Requests per second over the measured phase; depends on the database server. */
  throughput: number;
  /** Milliseconds, end to end through the gateway; depends on the database server. */
  latencyMs: LatencySummary;
  /** CPU (user + system) of each process over the measured phase, per request, in milliseconds. */
  cpuMsPerRequest: { gateway: number | null; subgraph: number | null; database: number | null; benchClient: number };
  /** The same, less what each process used idle over the phase's wall time (see idleCpuMsPerSecond). */
  cpuMsPerRequestLessIdle: { gateway: number | null; subgraph: number | null; database: number | null };
  /** serverStatus.opcounters over the measured phase, per request (null when the server has none). */
  dbOpsPerRequest: (OpCounters & { total: number }) | null;
}

export interface TableContext {
  databaseKind: string;
  databaseVersion: string;
  settings: BenchSettings;
  cpus: number;
  node: string;
  seed: { members: number; employers: number };
  idleCpuMsPerSecond: { gateway: number | null; subgraph: number | null; database: number | null };
}

const fixed = (value: number | null | undefined, digits: number): string =>
  value === null || value === undefined || Number.isNaN(value) ? "–" : value.toFixed(digits);

function opsBreakdown(ops: (OpCounters & { total: number }) | null): string {
  if (!ops) return "–";
  const parts = OP_KINDS.filter((kind) => Math.abs(ops[kind]) >= 0.005).map((kind) => `${kind} ${fixed(ops[kind], 2)}`);
  return parts.length ? parts.join(", ") : "none";
}

/** A Markdown table: latencies labelled with the database they ran on, then the database-independent numbers. */
export function formatTable(results: readonly ScenarioResult[], context: TableContext): string {
  const kind = context.databaseKind;
  const { settings } = context;
  const lines = [
    `### Benchmark on ${kind} (${context.databaseVersion}): ${context.seed.members} members, ${settings.requests} requests per scenario at concurrency ${settings.concurrency} (${context.cpus} CPUs, node ${context.node})`,
    "",
    `| Scenario | Requests | Errors | req/s (${kind}) | p50 ms (${kind}) | p95 ms | p99 ms | max ms | Gateway CPU ms/req | Subgraph CPU ms/req | DB ops/req | DB ops by kind | DB server CPU ms/req (${kind}) |`,
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|",
  ];
  for (const r of results) {
    const requests = r.timeBound ? `${r.requests}*` : String(r.requests);
    lines.push(
      `| ${r.title} | ${requests} | ${r.errors} | ${fixed(r.throughput, 1)} | ${fixed(r.latencyMs.p50, 1)} | ${fixed(r.latencyMs.p95, 1)} | ${fixed(r.latencyMs.p99, 1)} | ${fixed(r.latencyMs.max, 1)} | ` +
        `${fixed(r.cpuMsPerRequest.gateway, 2)} | ${fixed(r.cpuMsPerRequest.subgraph, 2)} | ${fixed(r.dbOpsPerRequest?.total, 2)} | ${opsBreakdown(r.dbOpsPerRequest)} | ${fixed(r.cpuMsPerRequest.database, 2)} |`,
    );
  }
  const idle = context.idleCpuMsPerSecond;
  lines.push(
    "",
    `CPU per request is user + system time of each process over the measured phase. Idle, with no traffic, they use: gateway ${fixed(idle.gateway, 1)} ms/s, ` +
      `subgraph ${fixed(idle.subgraph, 1)} ms/s, database ${fixed(idle.database, 1)} ms/s; that is inside the figures, and weighs only where a scenario managed few requests (the JSON has them less idle).`,
  );
  if (results.some((r) => r.timeBound)) lines.push("", `\\* stopped by the ${settings.maxSeconds} s bound before ${settings.requests} requests.`);
  for (const r of results.filter((result) => result.errors > 0)) lines.push("", `Errors in ${r.key}: ${r.errors}; the first: ${r.firstError ?? "?"}`);
  return lines.join("\n");
}

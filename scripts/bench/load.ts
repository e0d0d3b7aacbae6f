// The load generator: a bounded pool of workers sending GraphQL operations with node's fetch, and the
// latency summary. No dependency beyond node.

/**
 * One GraphQL request of a scenario: the operation (its text, or the id of a trusted document, as partner
 * clinics send it), its variables and the bearer token to send.
 */
export interface GraphqlRequest {
  query?: string;
  persistedId?: string;
  variables?: Record<string, unknown>;
  token: string;
  /** Sent besides the token (an agent's declared purpose; the gateway's secret, to call a subgraph directly). */
  headers?: Record<string, string>;
}

export interface Scenario {
  /** Short key, used in the JSON file. */
  key: string;
  /** What the table shows. */
  title: string;
  /** The i-th request of the run (i counts from 0 in the warm-up and again in the measured phase). */
  request(i: number): GraphqlRequest;
}

export interface LoadOptions {
  url: string;
  requests: number;
  concurrency: number;
  /** Stop starting new requests after this many milliseconds (requests under way still finish). */
  maxMs: number;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Stops starting new requests when aborted (Ctrl-C, a service that died). */
  signal?: AbortSignal;
}

export interface LoadResult {
  requests: number;
  errors: number;
  firstError: string | null;
  wallMs: number;
  /** Milliseconds, one per request, in completion order. */
  latencies: number[];
  /** True when the time bound, not the request count, ended the run. */
  timeBound: boolean;
}

interface GraphqlResponse {
  data?: unknown;
  errors?: { message?: string; extensions?: { code?: string } }[];
}

/** Sends one request; returns null when it succeeded, else what went wrong. */
async function send(url: string, request: GraphqlRequest, timeoutMs: number): Promise<string | null> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { ...request.headers, "content-type": "application/json", authorization: `Bearer ${request.token}` },
      body: JSON.stringify({
        ...(request.query && { query: request.query }),
        ...(request.persistedId && { extensions: { persistedQuery: { version: 1, sha256Hash: request.persistedId } } }),
        variables: request.variables ?? {},
      }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let body: GraphqlResponse | null = null;
    try {
      body = JSON.parse(text) as GraphqlResponse;
    } catch {
      // not JSON: reported below
    }
    const first = body?.errors?.[0];
    if (first) return `${first.extensions?.code ?? "ERROR"}: ${first.message ?? "(no message)"}`;
    if (!response.ok) return `HTTP ${response.status}: ${text.slice(0, 200)}`;
    if (!body || body.data === undefined || body.data === null) return `no data in the response: ${text.slice(0, 200)}`;
    return null;
  } catch (error) {
    return `request failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Runs `requests` requests of a scenario through `concurrency` workers (or fewer, if the time bound hits). */
export async function runLoad(scenario: Scenario, options: LoadOptions): Promise<LoadResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let next = 0;
  let timeBound = false;
  const started = performance.now();
  const deadline = started + options.maxMs;

  const worker = async (): Promise<void> => {
    for (;;) {
      if (next >= options.requests || options.signal?.aborted) return;
      if (performance.now() >= deadline) {
        timeBound = true;
        return;
      }
      const i = next++;
      const request = scenario.request(i);
      const t0 = performance.now();
      const failure = await send(options.url, request, timeoutMs);
      latencies.push(performance.now() - t0);
      if (failure !== null) {
        errors += 1;
        firstError ??= failure;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, () => worker()));
  return { requests: latencies.length, errors, firstError, wallMs: performance.now() - started, latencies, timeBound };
}

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** A summary with every figure to two decimals, as the reports print it. */
export const roundSummary = (s: LatencySummary): LatencySummary => ({ p50: round(s.p50, 2), p95: round(s.p95, 2), p99: round(s.p99, 2), max: round(s.max, 2), mean: round(s.mean, 2) });

export function summarize(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / (sorted.length || 1);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    mean,
  };
}

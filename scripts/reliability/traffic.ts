// Member-dashboard traffic for the fault and soak runs, and how each answer is judged: whole (no error),
// partial (affiliation and directory there, every error with its code and the path of the field it cost),
// or failed (anything else: no member, an error without a code or a path, a 5xx, no answer).
import { PERSONAS } from "@sos/personas";
import { MEMBER_DASHBOARD } from "../bench/compare/scenarios.js";
import type { ReliabilityStack } from "./stack.js";

export type Verdict = "whole" | "partial" | "failed";

export interface Sample {
  /** Milliseconds since the traffic started, when the request was sent. */
  at: number;
  ms: number;
  verdict: Verdict;
  /** Error codes and the fields they cost ("SUBGRAPH_UNAVAILABLE at me.authorizations"), or what failed. */
  detail: string[];
}

interface DashboardAnswer {
  data?: { me?: { id?: string; fullName?: string; primaryIps?: { name?: string } | null } | null } | null;
  errors?: { message?: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

export function judgeDashboard(status: number, body: DashboardAnswer | null): { verdict: Verdict; detail: string[] } {
  if (status >= 500 || !body) return { verdict: "failed", detail: [`HTTP ${status}`] };
  const me = body.data?.me;
  const errors = body.errors ?? [];
  const detail = errors.map((error) => `${error.extensions?.code ?? "NO CODE"} at ${error.path?.join(".") ?? "(no path)"}`);
  if (!me?.id || !me.fullName) return { verdict: "failed", detail: detail.length ? detail : ["no member in the answer"] };
  if (!errors.length) return { verdict: "whole", detail };
  const located = errors.every((error) => error.extensions?.code && error.path?.length);
  // The seeded persona has a primary clinic: the directory's part must be there while the directory is up.
  return { verdict: located && me.primaryIps?.name ? "partial" : "failed", detail };
}

export interface Traffic {
  /** Milliseconds since the traffic started: the clock of the samples' `at`. */
  elapsed(): number;
  /** Stops sending, waits for the answers under way, and returns every sample. */
  stop(): Promise<Sample[]>;
  samples: Sample[];
}

/**
 * Sends the member dashboard from `concurrency` loops (closed: each waits for its answer), or at a steady
 * `rate` per second (open: a slow answer does not slow the sending, as real users do not wait for each
 * other), never more than `maxInFlight` at once (a request over that is counted as failed).
 */
export async function startDashboardTraffic(stack: ReliabilityStack, options: { concurrency?: number; rate?: number; maxInFlight?: number; url?: string }): Promise<Traffic> {
  const tokens = await Promise.all(Array.from({ length: 32 }, () => stack.signer.sign(PERSONAS["member"]!, "2h")));
  const url = options.url ?? stack.gatewayUrl;
  const samples: Sample[] = [];
  const started = performance.now();
  let stopped = false;
  let sent = 0;
  const inFlight = new Set<Promise<void>>();

  const once = async (): Promise<void> => {
    const at = performance.now() - started;
    const token = tokens[sent++ % tokens.length] as string;
    let judged: { verdict: Verdict; detail: string[] };
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: MEMBER_DASHBOARD }),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      let body: DashboardAnswer | null = null;
      try {
        body = JSON.parse(text) as DashboardAnswer;
      } catch {
        // judged as failed below
      }
      judged = judgeDashboard(response.status, body);
    } catch (error) {
      judged = { verdict: "failed", detail: [`no answer: ${error instanceof Error ? error.message : String(error)}`] };
    }
    samples.push({ at, ms: performance.now() - started - at, ...judged });
  };
  const track = (promise: Promise<void>): void => {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise));
  };

  let timer: NodeJS.Timeout | undefined;
  if (options.rate) {
    const interval = 1_000 / options.rate;
    const maxInFlight = options.maxInFlight ?? 64;
    let due = performance.now();
    const tick = (): void => {
      if (stopped) return;
      // Catch up on the requests due since the last tick (timers are late under load).
      while (performance.now() >= due) {
        due += interval;
        if (inFlight.size >= maxInFlight) samples.push({ at: performance.now() - started, ms: 0, verdict: "failed", detail: [`over ${maxInFlight} requests waiting for an answer`] });
        else track(once());
      }
      timer = setTimeout(tick, Math.max(0, due - performance.now()));
    };
    tick();
  } else {
    for (let i = 0; i < (options.concurrency ?? 8); i++) {
      track(
        (async () => {
          while (!stopped) await once();
        })(),
      );
    }
  }
  return {
    samples,
    elapsed: () => performance.now() - started,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      while (inFlight.size) await Promise.all([...inFlight]);
      return samples;
    },
  };
}

/** Counts of each verdict, and the distinct details of the answers that were not whole. */
export function tally(samples: readonly Sample[]): { requests: number; whole: number; partial: number; failed: number; details: Record<string, number> } {
  const counts = { requests: samples.length, whole: 0, partial: 0, failed: 0, details: {} as Record<string, number> };
  for (const sample of samples) {
    counts[sample.verdict] += 1;
    for (const detail of sample.verdict === "whole" ? [] : new Set(sample.detail)) counts.details[detail] = (counts.details[detail] ?? 0) + 1;
  }
  return counts;
}

import { InMemoryLRUCache, type KeyValueCache } from "@apollo/utils.keyvaluecache";
import { LATENCY_BUCKETS, createServerMetrics } from "@sos/kit/observability";
import { Counter, Gauge, Histogram } from "prom-client";
import type { LimitName } from "./rate-limit.js";

/** How a call to a subgraph ended: answered (whatever its GraphQL errors), refused with an HTTP status, timed out, or never reached. */
export type FetchOutcome = "ok" | "http_error" | "timeout" | "network_error";

/**
 * The gateway's Prometheus metrics, beside the GraphQL request metrics every server has: one registry
 * per gateway (tests run several in one process); the process's own metrics are added by the route.
 */
export function createMetrics() {
  const server = createServerMetrics("gateway");
  const registries = [server.registry];
  const rateLimited = new Counter({
    name: "sos_gateway_rate_limited_total",
    help: "Requests refused with 429, by the limit that refused them",
    labelNames: ["limit"] as const,
    registers: registries,
  });
  const rightsChecks = new Counter({
    name: "sos_gateway_rights_checks_total",
    help: "rightsCheck lookups asked for, by IPS (ips:<REPS code>) or by role; alert on a sudden rise",
    labelNames: ["caller"] as const,
    registers: registries,
  });
  const refused = new Counter({
    name: "sos_gateway_operations_refused_total",
    help: "Operations refused before any subgraph was called, by error code",
    labelNames: ["code"] as const,
    registers: registries,
  });
  const fetchDuration = new Histogram({
    name: "sos_gateway_subgraph_fetch_duration_seconds",
    help: "Calls from the gateway to each subgraph, by outcome (ok, http_error, timeout, network_error)",
    labelNames: ["subgraph", "outcome"] as const,
    buckets: LATENCY_BUCKETS,
    registers: registries,
  });
  const subgraphErrors = new Counter({
    name: "sos_gateway_subgraph_errors_total",
    help: "Errors subgraphs answered (GraphQL errors by code) or calls that failed (by outcome), by subgraph",
    labelNames: ["subgraph", "code"] as const,
    registers: registries,
  });
  const planCache = new Counter({
    name: "sos_gateway_query_plan_cache_total",
    help: "Query plan lookups: hit (planned before) or miss (planned now)",
    labelNames: ["result"] as const,
    registers: registries,
  });
  const subgraphUp = new Gauge({
    name: "sos_gateway_subgraph_up",
    help: "Whether each subgraph answered the gateway's last readiness probe (1) or not (0)",
    labelNames: ["subgraph"] as const,
    registers: registries,
  });
  return {
    server,
    registry: server.registry,
    rateLimited: (limit: LimitName) => rateLimited.inc({ limit }),
    rightsChecks: (caller: string, count: number) => rightsChecks.inc({ caller }, count),
    refused: (code: string) => refused.inc({ code }),
    subgraphFetch(subgraph: string, outcome: FetchOutcome, seconds: number) {
      fetchDuration.observe({ subgraph, outcome }, seconds);
      if (outcome !== "ok") subgraphErrors.inc({ subgraph, code: outcome.toUpperCase() });
    },
    subgraphError: (subgraph: string, code: string) => subgraphErrors.inc({ subgraph, code: /^[A-Z][A-Z0-9_]{0,49}$/.test(code) ? code : "OTHER" }),
    subgraphUp: (subgraph: string, up: boolean) => subgraphUp.set({ subgraph }, up ? 1 : 0),
    /** The query-plan store the gateway would build for itself (30 MiB, sized by JSON), counting hits and misses. */
    queryPlanCache<T extends object>(): KeyValueCache<T> & { clear(): void } {
      const store = new InMemoryLRUCache<T>({ maxSize: 30 * 2 ** 20, sizeCalculation: (plan) => Buffer.byteLength(JSON.stringify(plan), "utf8") });
      return {
        async get(key) {
          const plan = await store.get(key);
          planCache.inc({ result: plan === undefined ? "miss" : "hit" });
          return plan;
        },
        set: (key, value, options) => store.set(key, value, options),
        delete: (key) => store.delete(key),
        clear: () => store.clear(),
      };
    },
  };
}
export type Metrics = ReturnType<typeof createMetrics>;

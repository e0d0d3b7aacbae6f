import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * Prometheus metrics (docs/operations.md lists them). Two registries answer GET /metrics together:
 * the process's (memory, event-loop lag, database commands and pool, DataLoader batches), one per
 * process; and the server's (its GraphQL requests, and the gateway's own), one per server, so that tests
 * running several servers in one process read each one's requests apart.
 */

/** Seconds: from a cached lookup (~1 ms) to the gateway's subgraph deadline. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface ProcessMetrics {
  registry: Registry;
  dataloaderBatch: Histogram<"loader">;
  mongoCommand: Histogram<"database" | "command" | "outcome">;
  mongoPool: Gauge<"database" | "state">;
}

let processWide: ProcessMetrics | null = null;

/** This process's metrics, created once (prom-client refuses a name registered twice). */
export function processMetrics(): ProcessMetrics {
  if (processWide) return processWide;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "sos_" });
  processWide = {
    registry,
    dataloaderBatch: new Histogram({
      name: "sos_dataloader_batch_size",
      help: "Keys per DataLoader batch (one database command each): a batch of 1 under a list is an N+1",
      labelNames: ["loader"] as const,
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
      registers: [registry],
    }),
    mongoCommand: new Histogram({
      name: "sos_mongodb_command_duration_seconds",
      help: "Database commands as the driver saw them, by database, command and outcome (ok or failed)",
      labelNames: ["database", "command", "outcome"] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    mongoPool: new Gauge({
      name: "sos_mongodb_pool_connections",
      help: "Database connections of this process: open, and in_use by an operation (the pool's maximum is maxPoolSize, 100 by default)",
      labelNames: ["database", "state"] as const,
      registers: [registry],
    }),
  };
  return processWide;
}

/** Labels every metric of this process with its service (main() calls it; a test process has several). */
export function labelProcess(service: string): void {
  processMetrics().registry.setDefaultLabels({ service });
}

/** Past this many distinct operation names, the rest are counted as "other": a client cannot grow memory by naming. */
const MAX_OPERATION_NAMES = 300;
export const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;
/** A client names its operation: only a plain name of bounded length is kept (logs, spans, labels), else "other". */
export const plainOperationName = (name: string | null | undefined): string | null => (name ? (OPERATION_NAME.test(name) ? name : "other") : null);

/** The name of the gateway's readiness probe, which the request metrics and logs leave out. */
export const READINESS_PROBE = "ReadinessProbe";
/** Our stable codes (errors.ts) and Apollo's are all of this shape. */
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,49}$/;

export interface ServerMetrics {
  registry: Registry;
  /** A GraphQL request ended: its operation, whether it carried errors, their codes, and how long it took. */
  request(operation: string | null | undefined, codes: readonly string[], seconds: number): void;
}

/** One server's GraphQL request metrics, labelled with the service it is. */
export function createServerMetrics(service: string): ServerMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  const requests = new Counter({
    name: "sos_graphql_requests_total",
    help: "GraphQL requests by operation name and outcome (ok, or error when the answer carried any error)",
    labelNames: ["operation", "outcome"] as const,
    registers: [registry],
  });
  const errors = new Counter({
    name: "sos_graphql_errors_total",
    help: "Errors in GraphQL answers by operation and stable error code",
    labelNames: ["operation", "code"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "sos_graphql_request_duration_seconds",
    help: "Time from the request's arrival to its answer, by operation",
    labelNames: ["operation"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const known = new Set<string>();
  const label = (name: string | null | undefined): string => {
    const plain = plainOperationName(name);
    if (plain === null) return "anonymous";
    if (plain === "other" || known.has(plain)) return plain;
    if (known.size >= MAX_OPERATION_NAMES) return "other";
    known.add(plain);
    return plain;
  };
  return {
    registry,
    request(name, codes, seconds) {
      const operation = label(name);
      requests.inc({ operation, outcome: codes.length ? "error" : "ok" });
      for (const code of new Set(codes)) errors.inc({ operation, code: ERROR_CODE.test(code) ? code : "OTHER" });
      duration.observe({ operation }, seconds);
    },
  };
}

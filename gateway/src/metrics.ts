import { Counter, Registry, collectDefaultMetrics } from "prom-client";
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { LimitName } from "./rate-limit.js";

/** The gateway's Prometheus metrics: one registry per gateway (tests run several in one process). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "sos_gateway_" });
  const rateLimited = new Counter({
    name: "sos_gateway_rate_limited_total",
    help: "Requests refused with 429, by the limit that refused them",
    labelNames: ["limit"] as const,
    registers: [registry],
  });
  const rightsChecks = new Counter({
    name: "sos_gateway_rights_checks_total",
    help: "rightsCheck lookups asked for, by IPS (ips:<REPS code>) or by role; alert on a sudden rise",
    labelNames: ["caller"] as const,
    registers: [registry],
  });
  const refused = new Counter({
    name: "sos_gateway_operations_refused_total",
    help: "Operations refused before any subgraph was called, by error code",
    labelNames: ["code"] as const,
    registers: [registry],
  });
  return {
    registry,
    rateLimited: (limit: LimitName) => rateLimited.inc({ limit }),
    rightsChecks: (caller: string, count: number) => rightsChecks.inc({ caller }, count),
    refused: (code: string) => refused.inc({ code }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

const digest = (value: string): Buffer => createHash("sha256").update(value).digest();

/**
 * GET /metrics for Prometheus. The labels name partner clinics, so it answers only a scraper that shows
 * METRICS_TOKEN as a bearer token (compared in constant time) or, in development without one, a caller
 * on this machine. In production without a token it answers nobody: a proxy on the same host would
 * otherwise make it public.
 */
export function metricsRoute(metrics: Metrics, options: { token: string | null; production: boolean }) {
  const expected = options.token ? digest(`Bearer ${options.token}`) : null;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const allowed = expected
      ? timingSafeEqual(digest(req.headers.authorization ?? ""), expected)
      : !options.production && LOOPBACK.test(req.socket.remoteAddress ?? "");
    if (!allowed) {
      res.writeHead(403, { "content-type": "text/plain" }).end("forbidden\n");
      return;
    }
    const body = await metrics.registry.metrics();
    res.writeHead(200, { "content-type": metrics.registry.contentType }).end(body);
  };
}

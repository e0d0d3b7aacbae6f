import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Registry } from "prom-client";

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

const digest = (value: string): Buffer => createHash("sha256").update(value).digest();

export interface MetricsRouteOptions {
  /** METRICS_TOKEN: the bearer token a scraper shows; null = only callers on this machine, outside production. */
  token: string | null;
  production: boolean;
}

/**
 * GET /metrics for Prometheus, the registries given one after the other. The labels name partner clinics
 * and operations, so it answers only a scraper that shows METRICS_TOKEN as a bearer token (compared in
 * constant time) or, in development without one, a caller on this machine. In production without a
 * token it answers nobody: a proxy on the same host would otherwise make it public.
 */
export function metricsRoute(registries: readonly Registry[], options: MetricsRouteOptions) {
  const expected = options.token ? digest(`Bearer ${options.token}`) : null;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const allowed = expected
      ? timingSafeEqual(digest(req.headers.authorization ?? ""), expected)
      : !options.production && LOOPBACK.test(req.socket.remoteAddress ?? "");
    if (!allowed) {
      res.writeHead(403, { "content-type": "text/plain" }).end("forbidden\n");
      return;
    }
    const bodies = await Promise.all(registries.map((registry) => registry.metrics()));
    res.writeHead(200, { "content-type": registries[0]?.contentType ?? "text/plain" }).end(bodies.join("\n"));
  };
}

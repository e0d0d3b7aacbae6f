import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer, type HTTPGraphQLRequest } from "@apollo/server";
import { createTokenVerifier } from "@sos/kit/auth";
import { clientAddress } from "./client-address.js";
import { documentRoutes, verificationRoute } from "./document-routes.js";
import { identityRoutes } from "./identity-routes.js";
import { uploadRoutes } from "./upload-routes.js";
import { APOLLO_PROCESS_OPTIONS, costLimitPlugin, createErrorFormatter, limitParseOptions, limitRules, requestIdPlugin } from "@sos/kit/graphql";
import { READINESS_PROBE, metricsRoute, observabilityPlugin, processMetrics } from "@sos/kit/observability";
import { GATEWAY_SECRET_HEADER, serveHttp, type RunningHttpServer } from "@sos/kit/http";
import type { Logger } from "@sos/kit/logger";
import type { IncomingMessage } from "node:http";
import type { GatewayConfig } from "./config.js";
import { createContextFactory, type GatewayContext } from "./context.js";
import { createMetrics } from "./metrics.js";
import { operationResolutionPlugin } from "./plugins/operation-resolution.js";
import { refusalMetricsPlugin } from "./plugins/refusal-metrics.js";
import { rightsCheckQuotaPlugin } from "./plugins/rights-check-quota.js";
import { schemaPrivacyPlugin } from "./plugins/schema-privacy.js";
import { SubgraphDataSource } from "./subgraph-source.js";
import { warmQueryPlans, type PlanWarmup } from "./plan-warmup.js";
import type { QueryPlan } from "@apollo/query-planner";
import { createRateLimiter } from "./rate-limit.js";
import { loadTrustedDocuments } from "./trusted-documents.js";
import { DEVELOPMENT_PERSONAS } from "./playground/personas.js";
import { playgroundRoutes } from "./playground/routes.js";

export type { GatewayContext };

export type GatewayOptions = Omit<GatewayConfig, "port" | "host"> & {
  logger: Logger;
  /** Prefix of the rate-limit keys in Redis (tests isolate their runs with it). */
  rateLimitPrefix?: string;
};

export interface Gateway {
  listen(port: number, host: string): Promise<RunningHttpServer>;
  /** The subgraphs' URLs as the gateway will call them. */
  subgraphs: { name: string; url: string }[];
  /** Where rate-limit counters live. */
  rateLimitBackend: "redis" | "memory";
  /** Resolves when the trusted documents' query plans are made (after listen; null before it). */
  plansWarmed(): Promise<PlanWarmup> | null;
  close(): Promise<void>;
}

/** The subgraphs without which the gateway cannot answer anything safely: affiliation decides every access. */
const ESSENTIAL_SUBGRAPHS = new Set(["affiliation"]);

/** Is a subgraph answering GraphQL? Used by GET /health/ready. */
async function probe(url: string, secret: string | null): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret && { [GATEWAY_SECRET_HEADER]: secret }) },
      body: JSON.stringify({ query: `query ${READINESS_PROBE} { __typename }` }),
      signal: AbortSignal.timeout(2_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** Where the gateway calls a subgraph: its own override, else the template, else the composed routing URL. */
export function subgraphUrl(name: string, routingUrl: string, options: Pick<GatewayOptions, "subgraphUrls" | "subgraphUrlTemplate">): string {
  const override = options.subgraphUrls[name];
  if (override) return override;
  if (!options.subgraphUrlTemplate) return routingUrl;
  const port = new URL(routingUrl).port;
  return options.subgraphUrlTemplate.replaceAll("{name}", name).replaceAll("{port}", port);
}

/** Routing URLs as composed into the supergraph (the join__Graph enum), by subgraph name. */
export function routingUrls(supergraphSdl: string): { name: string; url: string }[] {
  const pattern = /@join__graph\(name:\s*"([^"]+)",\s*url:\s*"([^"]+)"\)/g;
  return [...supergraphSdl.matchAll(pattern)].map((match) => ({ name: match[1] as string, url: match[2] as string }));
}

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { logger, limits } = options;
  const subgraphs = routingUrls(options.supergraphSdl).map(({ name, url }) => ({ name, url: subgraphUrl(name, url, options) }));
  const urlOf = new Map(subgraphs.map(({ name, url }) => [name, url]));
  const timeout = options.subgraphTimeoutMs;
  const metrics = createMetrics();
  const planCache = metrics.queryPlanCache<QueryPlan>();
  let warming: Promise<PlanWarmup> | null = null;
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger,
    // Apollo's spans carry neither the operation's text nor exceptions' messages: both can hold personal data.
    telemetry: { includeDocument: false, recordExceptions: false },
    queryPlannerConfig: { cache: planCache },
    buildService: ({ name, url }) => new SubgraphDataSource(name, urlOf.get(name) ?? url ?? "", timeout, metrics, logger),
  });
  const limiter = createRateLimiter({
    limits: options.rateLimits,
    redisUrl: options.redisUrl,
    logger,
    onRefused: metrics.rateLimited,
    ...(options.rateLimitPrefix && { prefix: options.rateLimitPrefix }),
  });
  const trustedDocuments = loadTrustedDocuments(options.trustedDocuments);
  const trusted = new WeakSet<IncomingMessage>();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...APOLLO_PROCESS_OPTIONS(logger),
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    // Introspection is decided per caller (schemaPrivacyPlugin), not for the whole server.
    introspection: true,
    // Ids are resolved against the trusted documents before Apollo sees the request; no ad-hoc registry.
    persistedQueries: false,
    parseOptions: limitParseOptions(limits),
    validationRules: limitRules(limits),
    plugins: [
      operationResolutionPlugin(),
      schemaPrivacyPlugin(options.introspectionCallers),
      costLimitPlugin<GatewayContext>(limits),
      rightsCheckQuotaPlugin(limiter, metrics.rightsChecks),
      refusalMetricsPlugin(metrics.refused),
      requestIdPlugin<GatewayContext>(),
      observabilityPlugin<GatewayContext>(metrics.server, logger),
    ],
  });
  const verifier = await createTokenVerifier(options.tokenTrust);
  const context = createContextFactory({
    verifier,
    limiter,
    isTrusted: (req) => trusted.has(req),
    adHocCallers: options.adHocCallers,
    gatewaySecret: options.gatewaySecret,
    trustProxyHops: options.trustProxyHops,
  });
  function prepare(request: HTTPGraphQLRequest, req: IncomingMessage): HTTPGraphQLRequest {
    const resolved = trustedDocuments.resolve(request);
    if (resolved.trusted) trusted.add(req);
    return resolved.request;
  }

  logger.info(
    { rateLimits: limiter.backend, trustedDocuments: trustedDocuments.size, adHocCallers: options.adHocCallers, limits },
    limiter.backend === "redis" ? "rate limits shared through Redis" : "rate limits counted in this process's memory (set REDIS_URL to share them between instances)",
  );

  return {
    subgraphs,
    rateLimitBackend: limiter.backend,
    close: () => limiter.close(),
    plansWarmed: () => warming,
    async listen(port, host) {
      // One round of probes serves every readiness check for 2 s: each replica's kubelet, a load balancer
      // and anyone else asking do not multiply the calls to the subgraphs.
      let probed: { at: number; checks: Promise<{ name: string; reachable: boolean }[]> } | null = null;
      const probeAll = () => {
        if (!probed || Date.now() - probed.at >= options.readinessCacheMs) {
          probed = { at: Date.now(), checks: Promise.all(subgraphs.map(async ({ name, url }) => ({ name, reachable: await probe(url, options.gatewaySecret) }))) };
        }
        return probed.checks;
      };
      const admitAnonymous = (req: IncomingMessage) => limiter.consume("anonymous-ip", clientAddress(req, options.trustProxyHops));
      const playground = options.playground ? playgroundRoutes({ manifest: options.trustedDocuments, personas: options.playgroundPersonas ? DEVELOPMENT_PERSONAS : [] }) : null;
      const running = await serveHttp({
        ...(playground && { landingPage: playground.landingPage }),
        trustTraceContext: false,
        apollo,
        context,
        prepare,
        port,
        host,
        logger,
        corsOrigins: options.corsOrigins,
        routes: {
          "GET /metrics": metricsRoute([metrics.registry, processMetrics().registry], { token: options.metricsToken, production: options.production }),
          ...identityRoutes(subgraphs.find(({ name }) => name === "identity")?.url, admitAnonymous),
          ...documentRoutes(subgraphs, admitAnonymous),
          ...uploadRoutes(subgraphs, admitAnonymous),
          ...verificationRoute(subgraphs.find(({ name }) => name === "audit")?.url, options.gatewaySecret, admitAnonymous),
          ...playground?.routes,
        },
        async readiness() {
          const checks = await probeAll();
          for (const { name, reachable } of checks) metrics.subgraphUp(name, reachable);
          // Without affiliation no access can be decided: not ready. Without another subgraph the graph still
          // answers the rest with a located error, so every gateway replica going unready over one subgraph
          // would take down what still works: ready, and "degraded".
          const essential = checks.every((check) => check.reachable || !ESSENTIAL_SUBGRAPHS.has(check.name));
          const status = !essential ? "unavailable" : checks.every((check) => check.reachable) ? "ok" : "degraded";
          return { ready: essential, details: { status, subgraphs: checks } };
        },
      });
      // The gateway has loaded the supergraph (and emptied its plan store) before it listens: the plans made
      // now stay. Made in the background; a request that comes first plans its own, as it always could.
      warming = warmQueryPlans({ gateway, documents: trustedDocuments.documents, cache: planCache, logger }).catch((error: unknown) => {
        logger.warn({ err: error }, "the trusted documents' query plans were not made ahead: each is made at its first request");
        return { planned: 0, failed: trustedDocuments.documents.length, ms: 0 };
      });
      return running;
    },
  };
}

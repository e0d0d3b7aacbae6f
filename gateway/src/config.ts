import { ROLES, type TokenTrust } from "@sos/kit/auth";
import { ConfigError, isProduction, listEnv, portEnv, tokenTrustFromEnv } from "@sos/kit/config";
import { limitsFromEnv, type OperationLimits } from "@sos/kit/graphql";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { ANONYMOUS, type CallerKind } from "./policy.js";
import type { RateLimits } from "./rate-limit.js";

export interface GatewayConfig {
  readonly port: number;
  readonly host: string;
  readonly production: boolean;
  readonly supergraphSdl: string;
  /** Overrides of the routing URLs composed into the supergraph, by subgraph name. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  /**
   * SUBGRAPH_URL_TEMPLATE, e.g. `http://{name}:{port}/graphql` (docker-compose): every subgraph's URL from
   * its name and the port composed into the supergraph, so a deployment lists no subgraph by hand.
   * SUBGRAPH_<NAME>_URL still wins for one subgraph.
   */
  readonly subgraphUrlTemplate: string | null;
  /** Whom tokens are trusted from (JWT_JWKS_URL, JWT_PUBLIC_KEY(_FILE), JWT_ISSUER, JWT_AUDIENCE). */
  readonly tokenTrust: TokenTrust;
  /** CORS_ORIGINS: browser origins allowed to call the graph, comma-separated. */
  readonly corsOrigins: readonly string[];
  /** The trusted documents (persisted-query manifest), as JSON text. */
  readonly trustedDocuments: string;
  /** Callers who may send operations that are not in the manifest. Never IPS. */
  readonly adHocCallers: readonly CallerKind[];
  /** Callers who may introspect the schema and read field suggestions. Never anonymous or IPS. */
  readonly introspectionCallers: readonly CallerKind[];
  readonly limits: OperationLimits;
  readonly rateLimits: RateLimits;
  /** REDIS_URL: where rate-limit counters are shared between gateway instances; null = this process's memory. */
  readonly redisUrl: string | null;
  /** GATEWAY_SECRET: presented to every subgraph in X-Gateway-Secret; null = none (development). */
  readonly gatewaySecret: string | null;
  /** Longest wait for one subgraph call, in milliseconds. */
  readonly subgraphTimeoutMs: number;
  /**
   * TRUST_PROXY: how many proxies of ours (load balancers) stand in front of the gateway; the client's
   * address is then taken that many places from the right of X-Forwarded-For. "true" means 1; unset, 0.
   */
  readonly trustProxyHops: number;
  /** METRICS_TOKEN: the bearer token GET /metrics asks for; null = only callers on this machine. */
  readonly metricsToken: string | null;
  /** READINESS_CACHE_MS: how long one round of subgraph probes answers GET /health/ready (default 2000). */
  readonly readinessCacheMs: number;
  /** PLAYGROUND: serve the playground at GET /graphql to browsers (default on; "false" turns it off). */
  readonly playground: boolean;
  /** PLAYGROUND_PERSONAS: offer the seeded development accounts as one-click sign-ins (default: outside production). */
  readonly playgroundPersonas: boolean;
}

const REPO_FILE = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const DEFAULT_SUPERGRAPH = REPO_FILE("schema/supergraph.graphql");
const DEFAULT_TRUSTED_DOCUMENTS = REPO_FILE("schema/operations/manifest.json");

/** SUBGRAPH_AFFILIATION_URL=http://affiliation:4001/graphql overrides the affiliation subgraph's URL. */
export function subgraphUrlsFromEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(name);
    if (match?.[1] && value) urls[match[1].toLowerCase().replace(/_/g, "-")] = value;
  }
  return urls;
}

function subgraphUrlTemplateEnv(env: NodeJS.ProcessEnv): string | null {
  const template = env["SUBGRAPH_URL_TEMPLATE"]?.trim();
  if (!template) return null;
  if (!template.includes("{name}") || !/^https?:\/\//.test(template)) {
    throw new ConfigError(`SUBGRAPH_URL_TEMPLATE must be an http(s) URL with {name} (and usually {port}), got "${template}".`);
  }
  return template;
}

const CALLERS: readonly CallerKind[] = [...ROLES, ANONYMOUS];

/** A comma-separated list of roles (and ANONYMOUS); `forbidden` ones are refused outright. */
function callersEnv(env: NodeJS.ProcessEnv, name: string, fallback: readonly CallerKind[], forbidden: readonly CallerKind[]): CallerKind[] {
  const given = env[name] === undefined ? [...fallback] : listEnv(env, name);
  for (const caller of given) {
    if (!(CALLERS as readonly string[]).includes(caller)) throw new ConfigError(`${name}: "${caller}" is not one of ${CALLERS.join(", ")}.`);
    if (forbidden.includes(caller as CallerKind)) throw new ConfigError(`${name}: ${caller} may never be listed.`);
  }
  return given as CallerKind[];
}

function positiveEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name} must be a positive whole number, got "${raw}".`);
  return value;
}

export function rateLimitsFromEnv(env: NodeJS.ProcessEnv): RateLimits {
  return Object.freeze({
    windowSeconds: positiveEnv(env, "RATE_LIMIT_WINDOW_SECONDS", 60),
    perUser: positiveEnv(env, "RATE_LIMIT_PER_USER", 300),
    perClient: positiveEnv(env, "RATE_LIMIT_PER_CLIENT", 3_000),
    perAnonymousIp: positiveEnv(env, "RATE_LIMIT_PER_IP", 30),
    rightsChecksPerHour: positiveEnv(env, "RIGHTS_CHECK_QUOTA_PER_HOUR", 600),
  });
}

function nonNegativeEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} must be a whole number of milliseconds, got "${raw}".`);
  return value;
}

function booleanEnv(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (raw === "true" || raw === "false") return raw === "true";
  throw new ConfigError(`${name} must be true or false, got "${raw}".`);
}

function trustProxyEnv(env: NodeJS.ProcessEnv): number {
  const raw = env["TRUST_PROXY"]?.trim();
  if (!raw || raw === "false") return 0;
  if (raw === "true") return 1;
  const hops = Number(raw);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) throw new ConfigError(`TRUST_PROXY must be true, false or a number of proxies (0 to 10), got "${raw}".`);
  return hops;
}

const NON_PARTNER_ROLES: readonly CallerKind[] = ["MEMBER", "EMPLOYER", "AGENT", "ANALYST", "AUDITOR", "ADMIN"];

export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<GatewayConfig> {
  const production = isProduction(env);
  const gatewaySecret = env["GATEWAY_SECRET"]?.trim() || null;
  if (production && !gatewaySecret) throw new ConfigError("GATEWAY_SECRET is required in production: subgraphs accept only calls that present it.");
  return Object.freeze({
    port: portEnv(env, "PORT", 4000),
    host: env["HOST"]?.trim() || "127.0.0.1",
    production,
    supergraphSdl: await readFile(env["SUPERGRAPH_PATH"]?.trim() || DEFAULT_SUPERGRAPH, "utf8"),
    subgraphUrls: Object.freeze(subgraphUrlsFromEnv(env)),
    subgraphUrlTemplate: subgraphUrlTemplateEnv(env),
    tokenTrust: await tokenTrustFromEnv(env),
    corsOrigins: Object.freeze(listEnv(env, "CORS_ORIGINS")),
    trustedDocuments: await readFile(env["TRUSTED_DOCUMENTS_PATH"]?.trim() || DEFAULT_TRUSTED_DOCUMENTS, "utf8"),
    // Production: only analysts write their own queries; apps and clinics send reviewed ones by id.
    adHocCallers: Object.freeze(callersEnv(env, "ADHOC_OPERATIONS", production ? ["ANALYST"] : [...NON_PARTNER_ROLES, ANONYMOUS], ["IPS"])),
    introspectionCallers: Object.freeze(callersEnv(env, "INTROSPECTION", production ? ["ANALYST"] : NON_PARTNER_ROLES, [ANONYMOUS, "IPS"])),
    limits: limitsFromEnv(env),
    rateLimits: rateLimitsFromEnv(env),
    redisUrl: env["REDIS_URL"]?.trim() || null,
    gatewaySecret,
    subgraphTimeoutMs: positiveEnv(env, "SUBGRAPH_TIMEOUT_MS", 10_000),
    trustProxyHops: trustProxyEnv(env),
    metricsToken: env["METRICS_TOKEN"]?.trim() || null,
    readinessCacheMs: nonNegativeEnv(env, "READINESS_CACHE_MS", 2_000),
    playground: booleanEnv(env, "PLAYGROUND", true),
    playgroundPersonas: booleanEnv(env, "PLAYGROUND_PERSONAS", !production),
  });
}

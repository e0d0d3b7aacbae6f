import type { TokenTrust } from "../auth/tokens.js";
import { ConfigError, gatewaySecretsFromEnv, portEnv, requiredEnv, tokenTrustFromEnv } from "../config.js";
import { limitsFromEnv, type OperationLimits } from "../graphql/limits.js";

/** What every subgraph reads from its environment, once, at start. */
export interface SubgraphConfig {
  readonly port: number;
  readonly host: string;
  readonly mongoUri: string;
  /** MONGODB_DB: the subgraph's own database (default: its name). */
  readonly dbName: string;
  /** JWT_JWKS_URL and/or JWT_PUBLIC_KEY(_FILE), JWT_ISSUER, JWT_AUDIENCE: whom tokens are trusted from. */
  readonly tokenTrust: TokenTrust;
  /** SEED_MEMBERS: seed an empty database with a synthetic population of this size (development stacks). */
  readonly seedMembers: number | null;
  /** GRAPHQL_MAX_*: the same variables as the gateway's. */
  readonly limits: OperationLimits;
  /** GATEWAY_SECRETS: the secrets the gateway presents; empty = direct calls accepted (development). */
  readonly gatewaySecrets: readonly string[];
  /**
   * MEMBER_ACCESS_URL: the affiliation subgraph's GraphQL URL, which alone knows how a viewer relates to
   * a member (docs/access.md). Null in the affiliation subgraph itself, and in one that keeps no records
   * about members.
   */
  readonly memberAccessUrl: string | null;
  /** LEDGER_DB: the access ledger's database (default "audit"). */
  readonly ledgerDb: string;
  /** SUBGRAPH_<NAME>_URL: the other subgraphs, for the few decisions taken on their data (peers.ts). */
  readonly peers: Readonly<Record<string, string>>;
}

function seedMembersEnv(env: NodeJS.ProcessEnv): number | null {
  const raw = env["SEED_MEMBERS"]?.trim();
  if (!raw) return null;
  const members = Number(raw);
  if (!Number.isInteger(members) || members < 10) throw new ConfigError(`SEED_MEMBERS must be a whole number of at least 10, got "${raw}".`);
  return members;
}

/** SUBGRAPH_BILLING_PAC_URL=http://billing-pac:4005/graphql → { "billing-pac": "http://…" }. */
export function peersFromEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const peers: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(name);
    if (match?.[1] && value?.trim()) peers[match[1].toLowerCase().replace(/_/g, "-")] = value.trim();
  }
  return peers;
}

export async function loadSubgraphConfig(name: string, env: NodeJS.ProcessEnv = process.env): Promise<SubgraphConfig> {
  if (!env["PORT"]?.trim()) throw new ConfigError(`PORT is required for the ${name} subgraph (npm start sets it from schema/subgraphs.yaml).`);
  return Object.freeze({
    port: portEnv(env, "PORT", 0),
    host: env["HOST"]?.trim() || "127.0.0.1",
    mongoUri: requiredEnv(env, "MONGODB_URI"),
    dbName: env["MONGODB_DB"]?.trim() || name,
    tokenTrust: await tokenTrustFromEnv(env),
    seedMembers: seedMembersEnv(env),
    limits: limitsFromEnv(env),
    gatewaySecrets: Object.freeze(gatewaySecretsFromEnv(env)),
    memberAccessUrl: env["MEMBER_ACCESS_URL"]?.trim() || null,
    peers: Object.freeze(peersFromEnv(env)),
    ledgerDb: env["LEDGER_DB"]?.trim() || "audit",
  });
}

import { ConfigError, gatewaySecretsFromEnv, limitsFromEnv, portEnv, publicKeyFromEnv, requiredEnv, type OperationLimits } from "@sos/kit";

export interface AffiliationConfig {
  readonly port: number;
  readonly host: string;
  readonly mongoUri: string;
  readonly dbName: string;
  readonly publicKeyPem: string;
  /** Seed an empty database with this many synthetic members at start (development stacks only). */
  readonly seedMembers: number | null;
  /** Operation limits (GRAPHQL_MAX_*), the same variables as the gateway's. */
  readonly limits: OperationLimits;
  /** Secrets the gateway presents; empty = direct calls accepted (development). */
  readonly gatewaySecrets: readonly string[];
}

function seedMembersEnv(env: NodeJS.ProcessEnv): number | null {
  const raw = env["SEED_MEMBERS"]?.trim();
  if (!raw) return null;
  const members = Number(raw);
  if (!Number.isInteger(members) || members < 10) throw new ConfigError(`SEED_MEMBERS must be a whole number of at least 10, got "${raw}".`);
  return members;
}

/** The environment, read once at start. */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<AffiliationConfig> {
  return Object.freeze({
    port: portEnv(env, "PORT", 4001),
    host: env["HOST"]?.trim() || "127.0.0.1",
    mongoUri: requiredEnv(env, "MONGODB_URI"),
    dbName: env["MONGODB_DB"]?.trim() || "affiliation",
    publicKeyPem: await publicKeyFromEnv(env),
    seedMembers: seedMembersEnv(env),
    limits: limitsFromEnv(env),
    gatewaySecrets: Object.freeze(gatewaySecretsFromEnv(env)),
  });
}

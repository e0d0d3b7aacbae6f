import { portEnv, publicKeyFromEnv, requiredEnv } from "@sos/kit";

export interface AffiliationConfig {
  readonly port: number;
  readonly host: string;
  readonly mongoUri: string;
  readonly dbName: string;
  readonly publicKeyPem: string;
}

/** The environment, read once at start. */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<AffiliationConfig> {
  return Object.freeze({
    port: portEnv(env, "PORT", 4001),
    host: env["HOST"]?.trim() || "127.0.0.1",
    mongoUri: requiredEnv(env, "MONGODB_URI"),
    dbName: env["MONGODB_DB"]?.trim() || "affiliation",
    publicKeyPem: await publicKeyFromEnv(env),
  });
}

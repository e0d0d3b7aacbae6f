/** Reads the environment once into a typed, frozen object; a missing required value stops the start. */
export class ConfigError extends Error {}

export function requiredEnv(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`Missing environment variable ${name}. See README.md, "Configuration".`);
  return value;
}

export function portEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`${name} must be a port number, got "${raw}".`);
  return port;
}

/** The token verification key: inline PEM (JWT_PUBLIC_KEY) or a file (JWT_PUBLIC_KEY_FILE). */
export async function publicKeyFromEnv(env: NodeJS.ProcessEnv): Promise<string> {
  const inline = env["JWT_PUBLIC_KEY"]?.trim();
  if (inline) return inline.replace(/\\n/g, "\n");
  const file = requiredEnv(env, "JWT_PUBLIC_KEY_FILE");
  const { readFile } = await import("node:fs/promises");
  return readFile(file, "utf8");
}

/** Is this a production process? Production closes what development leaves open (direct calls, ad-hoc queries). */
export const isProduction = (env: NodeJS.ProcessEnv): boolean => env["NODE_ENV"] === "production";

/** A comma-separated list, trimmed, without empty items. */
export const listEnv = (env: NodeJS.ProcessEnv, name: string): string[] =>
  (env[name] ?? "").split(",").map((item) => item.trim()).filter(Boolean);

/**
 * Subgraphs: GATEWAY_SECRETS lists the secrets the gateway may present (the new one first while one is
 * rotated). Production refuses to start without one unless ALLOW_DIRECT_CALLS=true says direct calls
 * are wanted; development accepts direct calls when none is set.
 */
export function gatewaySecretsFromEnv(env: NodeJS.ProcessEnv): string[] {
  const secrets = listEnv(env, "GATEWAY_SECRETS");
  if (secrets.some((secret) => secret.length < 16)) throw new ConfigError("Each of GATEWAY_SECRETS must be at least 16 characters long.");
  if (!secrets.length && isProduction(env) && env["ALLOW_DIRECT_CALLS"] !== "true") {
    throw new ConfigError("GATEWAY_SECRETS is required in production (or ALLOW_DIRECT_CALLS=true to accept calls that bypass the gateway).");
  }
  return secrets;
}

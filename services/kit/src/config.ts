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

/** The static token verification key: inline PEM (JWT_PUBLIC_KEY) or a file (JWT_PUBLIC_KEY_FILE); null if neither. */
export async function publicKeyFromEnv(env: NodeJS.ProcessEnv): Promise<string | null> {
  const inline = env["JWT_PUBLIC_KEY"]?.trim();
  if (inline) return inline.replace(/\\n/g, "\n");
  const file = env["JWT_PUBLIC_KEY_FILE"]?.trim();
  if (!file) return null;
  const { readFile } = await import("node:fs/promises");
  return readFile(file, "utf8");
}

/**
 * Whom tokens are trusted from (auth/tokens.ts, TokenTrust): JWT_JWKS_URL (an OpenID provider's key set,
 * ours or another's), JWT_PUBLIC_KEY(_FILE) (a static key: development's), at least one; JWT_ISSUER and
 * JWT_AUDIENCE when the provider is not ours.
 */
export async function tokenTrustFromEnv(env: NodeJS.ProcessEnv): Promise<{ publicKeyPem: string | null; jwksUrl: string | null; issuer?: string; audience?: string }> {
  const publicKeyPem = await publicKeyFromEnv(env);
  const jwksUrl = env["JWT_JWKS_URL"]?.trim() || null;
  if (!publicKeyPem && !jwksUrl) throw new ConfigError("Missing JWT_JWKS_URL or JWT_PUBLIC_KEY(_FILE): whom to trust tokens from. See README.md, \"Configuration\".");
  // Whoever holds a static key's private half signs any role without a key id: production trusts only the
  // provider's key set, unless a trial stack says otherwise.
  if (publicKeyPem && jwksUrl && isProduction(env) && env["ALLOW_STATIC_TOKEN_KEY"] !== "true") {
    throw new ConfigError("In production, trust JWT_JWKS_URL alone: unset JWT_PUBLIC_KEY(_FILE) (or ALLOW_STATIC_TOKEN_KEY=true on a trial stack).");
  }
  const issuer = env["JWT_ISSUER"]?.trim();
  const audience = env["JWT_AUDIENCE"]?.trim();
  return { publicKeyPem, jwksUrl, ...(issuer && { issuer }), ...(audience && { audience }) };
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

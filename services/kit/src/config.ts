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

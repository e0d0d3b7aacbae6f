// The registry of subgraphs (schema/subgraphs.yaml) and how to load each one's definition.
import type { RunnableSubgraph } from "@sos/kit";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";

export const SCHEMA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../schema");
export const REGISTRY_PATH = join(SCHEMA_DIR, "subgraphs.yaml");

export interface RegisteredSubgraph {
  name: string;
  package: string;
  port: number;
  seed: boolean;
  /** The local routing URL, composed into the supergraph. */
  url: string;
  /**
   * A stand-in for an outside peer the subgraph talks to (a bank), run beside it by `npm start` and the
   * one-machine docker compose (which runs Mailpit in place of a mail catcher), never by a real deployment: its entry file (src/..., built to dist/...),
   * its port, and the environment both get, where {standIn}, {self} and {gateway} are their addresses.
   */
  standIn: StandIn | null;
}

export interface StandIn {
  entry: string;
  port: number;
  env: Record<string, string>;
}

interface RegistryFile {
  subgraphs?: Record<string, { package?: unknown; port?: unknown; seed?: unknown; standIn?: { entry?: unknown; port?: unknown; env?: unknown } }>;
}

/** A stand-in's environment with its placeholders filled in for where things run. */
export const standInEnv = (standIn: StandIn, addresses: { standIn: string; self: string; gateway: string }): Record<string, string> =>
  Object.fromEntries(
    Object.entries(standIn.env).map(([name, value]) => [
      name,
      value
        .replace("{standInHost}", new URL(addresses.standIn).hostname)
        .replace("{standIn}", addresses.standIn)
        .replace("{self}", addresses.self)
        .replace("{gateway}", addresses.gateway),
    ]),
  );

/** The subgraph whose database holds the access ledger every subgraph appends to (LEDGER_DB). */
export const LEDGER_SUBGRAPH = "audit";

/** The subgraph that issues tokens and publishes the key set every process verifies them against. */
export const IDENTITY_SUBGRAPH = "identity";
/** Where the key set is, given the identity subgraph's base address (no /graphql). */
export const jwksUrlAt = (identityBase: string): string => `${identityBase}/.well-known/jwks.json`;

/** Every registered subgraph, in file order; throws naming the entry and the field that is wrong. */
export function readRegistry(path = REGISTRY_PATH): RegisteredSubgraph[] {
  const file = parseYaml(readFileSync(path, "utf8")) as RegistryFile;
  const entries = Object.entries(file.subgraphs ?? {});
  if (!entries.length) throw new Error(`${path} lists no subgraph`);
  const ports = new Set<number>();
  return entries.map(([name, entry]) => {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`${path}: "${name}" is not a subgraph name (lowercase letters, digits, dashes)`);
    if (typeof entry.package !== "string") throw new Error(`${path}: ${name}.package must name the workspace`);
    const port = entry.port;
    if (typeof port !== "number" || !Number.isInteger(port) || port < 1024 || port > 65535) throw new Error(`${path}: ${name}.port must be a port number`);
    if (ports.has(port)) throw new Error(`${path}: ${name}.port ${port} is taken by another subgraph`);
    ports.add(port);
    const standIn = entry.standIn;
    const env = standIn?.env as Record<string, unknown> | undefined;
    if (standIn && (typeof standIn.entry !== "string" || !standIn.entry.startsWith("src/") || typeof standIn.port !== "number" || ports.has(standIn.port) || !env || Object.values(env).some((value) => typeof value !== "string"))) {
      throw new Error(`${path}: ${name}.standIn needs an entry file under src/, a free port and the env (strings) it and the subgraph get`);
    }
    if (standIn) ports.add(standIn.port as number);
    return {
      name,
      package: entry.package,
      port,
      seed: entry.seed === true,
      url: `http://127.0.0.1:${port}/graphql`,
      standIn: standIn ? { entry: standIn.entry as string, port: standIn.port as number, env: env as Record<string, string> } : null,
    };
  });
}

/** The SUBGRAPH_<NAME>_URL variable that overrides a subgraph's routing URL at the gateway. */
export const urlVariable = (name: string): string => `SUBGRAPH_${name.toUpperCase().replace(/-/g, "_")}_URL`;

/** A subgraph's definition, from its package's "./subgraph" export. */
export type AnySubgraph = RunnableSubgraph;

export async function loadSubgraph(entry: RegisteredSubgraph, modules: Record<string, string> = {}): Promise<AnySubgraph> {
  // `modules` maps a package to its subgraph module's path, for one not linked into node_modules yet.
  const module = (await import(modules[entry.package] ?? `${entry.package}/subgraph`)) as Record<string, unknown>;
  const found = Object.values(module).find((value): value is AnySubgraph => typeof value === "object" && value !== null && (value as AnySubgraph).name === entry.name);
  if (!found) throw new Error(`${entry.package}/subgraph exports no defineSubgraph({ name: "${entry.name}" })`);
  return found;
}

/** The folder of a workspace package under services/, found by its name. */
export function packageDir(packageName: string): string {
  const servicesDir = resolve(SCHEMA_DIR, "../services");
  for (const dir of readdirSync(servicesDir)) {
    const manifest = join(servicesDir, dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === packageName) return join(servicesDir, dir);
  }
  throw new Error(`No workspace under services/ is named ${packageName}`);
}

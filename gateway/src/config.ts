import { portEnv, publicKeyFromEnv } from "@sos/kit";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

export interface GatewayConfig {
  readonly port: number;
  readonly host: string;
  readonly supergraphSdl: string;
  /** Overrides of the routing URLs composed into the supergraph, by subgraph name. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  readonly publicKeyPem: string;
  /** CORS_ORIGINS: browser origins allowed to call the graph, comma-separated. */
  readonly corsOrigins: readonly string[];
}

const DEFAULT_SUPERGRAPH = fileURLToPath(new URL("../../schema/supergraph.graphql", import.meta.url));

/** SUBGRAPH_AFFILIATION_URL=http://affiliation:4001/graphql overrides the affiliation subgraph's URL. */
export function subgraphUrlsFromEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(name);
    if (match?.[1] && value) urls[match[1].toLowerCase().replace(/_/g, "-")] = value;
  }
  return urls;
}

export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<GatewayConfig> {
  return Object.freeze({
    port: portEnv(env, "PORT", 4000),
    host: env["HOST"]?.trim() || "127.0.0.1",
    supergraphSdl: await readFile(env["SUPERGRAPH_PATH"]?.trim() || DEFAULT_SUPERGRAPH, "utf8"),
    subgraphUrls: Object.freeze(subgraphUrlsFromEnv(env)),
    publicKeyPem: await publicKeyFromEnv(env),
    corsOrigins: Object.freeze((env["CORS_ORIGINS"] ?? "").split(",").map((origin) => origin.trim()).filter(Boolean)),
  });
}

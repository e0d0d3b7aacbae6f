import { connectDatabase, createLogger, type RunningHttpServer, type TokenSigner, type Viewer } from "@sos/kit";
import { createTestKeys, graphqlRequest, testDatabaseName, testMongoUri, type GraphqlResult } from "@sos/kit/testing";
import { createServer, type AffiliationServer } from "@sos/affiliation/server";
import { seedAffiliation } from "@sos/affiliation/seed";
import type { Connection } from "mongoose";
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../src/config.js";
import { createGateway, type Gateway } from "../src/server.js";

/** The web portal's origin in tests: the only one allowed to call from a browser. */
export const ALLOWED_ORIGIN = "https://oficinavirtual.example";

export const SUPERGRAPH_FILE = fileURLToPath(new URL("../../schema/supergraph.graphql", import.meta.url));
const MANIFEST_FILE = fileURLToPath(new URL("../../schema/operations/manifest.json", import.meta.url));

/** The secret the test gateways present to the test subgraph (which refuses calls without it). */
export const TEST_GATEWAY_SECRET = "test-gateway-secret-0123456789";

const manifest = JSON.parse(readFileSync(MANIFEST_FILE, "utf8")) as { operations: { id: string; name: string; body: string }[] };

/** A trusted document of schema/operations by name: its id (what clients send) and its body. */
export function trustedOperation(name: string): { id: string; body: string } {
  const operation = manifest.operations.find((candidate) => candidate.name === name);
  if (!operation) throw new Error(`No trusted document named ${name} in schema/operations`);
  return operation;
}

/** A gateway in front of the given subgraph, configured as the environment `env` says (on top of the test defaults). */
export async function startGateway(options: {
  subgraphUrl: string;
  publicKeyPem: string;
  env?: Record<string, string>;
  rateLimitPrefix?: string;
}): Promise<{ gateway: Gateway; running: RunningHttpServer; close(): Promise<void> }> {
  const logger = createLogger("test", process.env["LOG_LEVEL"] ?? "silent");
  const config = await loadConfig({
    JWT_PUBLIC_KEY: options.publicKeyPem,
    SUBGRAPH_AFFILIATION_URL: options.subgraphUrl,
    GATEWAY_SECRET: TEST_GATEWAY_SECRET,
    CORS_ORIGINS: ALLOWED_ORIGIN,
    // Generous rates: the tests of rate limits set their own.
    RATE_LIMIT_PER_USER: "100000",
    RATE_LIMIT_PER_CLIENT: "100000",
    RATE_LIMIT_PER_IP: "100000",
    ...options.env,
  });
  const gateway = await createGateway({ ...config, logger, rateLimitPrefix: options.rateLimitPrefix ?? `test:${randomBytes(6).toString("hex")}` });
  const running = await gateway.listen(0, "127.0.0.1");
  return {
    gateway,
    running,
    async close() {
      await running.close();
      await gateway.close();
    },
  };
}

/**
 * The whole graph for a test file: the affiliation subgraph over its own fresh, seeded database and the
 * gateway in front of it, both on real HTTP ports (0 = any free one), loading the committed supergraph.
 */
export interface Stack {
  gatewayUrl: string;
  gatewayBase: string;
  subgraphUrl: string;
  connection: Connection;
  affiliation: AffiliationServer;
  signer: TokenSigner;
  publicKeyPem: string;
  token(viewer: Viewer): Promise<string>;
  query<T = Record<string, unknown>>(
    query: string,
    options?: { variables?: Record<string, unknown>; viewer?: Viewer; headers?: Record<string, string> },
  ): Promise<GraphqlResult<T>>;
  /** Runs a trusted document by id, as partner clinics and the apps do. */
  persisted<T = Record<string, unknown>>(
    name: string,
    options?: { variables?: Record<string, unknown>; viewer?: Viewer; headers?: Record<string, string> },
  ): Promise<GraphqlResult<T>>;
  /** How many requests have reached the subgraph's HTTP server so far. */
  subgraphRequests(): number;
  stopSubgraph(): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(options: { members?: number; env?: Record<string, string> } = {}): Promise<Stack> {
  const logger = createLogger("test", process.env["LOG_LEVEL"] ?? "silent");
  const { publicKeyPem, signer } = await createTestKeys();
  const dbName = testDatabaseName("affiliation");
  const connection = await connectDatabase({ uri: testMongoUri(), dbName, logger, monitorCommands: true });
  const affiliation = await createServer({ connection, publicKeyPem, logger, gatewaySecrets: [TEST_GATEWAY_SECRET] });
  await seedAffiliation(connection, { members: options.members ?? 300 });
  let subgraph: RunningHttpServer | null = await affiliation.listen(0, "127.0.0.1");
  let subgraphRequests = 0;
  subgraph.server.on("request", () => subgraphRequests++);
  const gateway = await startGateway({ subgraphUrl: subgraph.url, publicKeyPem, ...(options.env && { env: options.env }) });
  const running = gateway.running;
  const token = (viewer: Viewer) => signer.sign(viewer);
  return {
    gatewayUrl: running.url,
    gatewayBase: running.url.replace(/\/graphql$/, ""),
    subgraphUrl: subgraph.url,
    connection,
    affiliation,
    signer,
    publicKeyPem,
    token,
    async query(query, { variables, viewer, headers } = {}) {
      return graphqlRequest(running.url, query, { variables, headers, ...(viewer && { token: await token(viewer) }) });
    },
    async persisted(name, { variables, viewer, headers } = {}) {
      return graphqlRequest(running.url, null, {
        variables,
        headers,
        extensions: { persistedQuery: { version: 1, sha256Hash: trustedOperation(name).id } },
        ...(viewer && { token: await token(viewer) }),
      });
    },
    subgraphRequests: () => subgraphRequests,
    async stopSubgraph() {
      await subgraph?.close();
      subgraph = null;
    },
    async close() {
      await gateway.close();
      await subgraph?.close();
      await connection.dropDatabase();
      await connection.close();
    },
  };
}

/** Counts the database commands a piece of work sends (driver command monitoring). */
export async function countCommands(connection: Connection, work: () => Promise<unknown>): Promise<{ count: number; names: string[] }> {
  const names: string[] = [];
  const client = connection.getClient();
  const listener = (event: { commandName: string }) => names.push(event.commandName);
  client.on("commandStarted", listener);
  try {
    await work();
  } finally {
    client.off("commandStarted", listener);
  }
  return { count: names.length, names };
}

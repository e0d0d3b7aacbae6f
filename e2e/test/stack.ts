import { connectDatabase, createLogger, type Logger, type RunningHttpServer, type TokenSigner, type Viewer } from "@sos/kit";
import { TEST_GATEWAY_SECRET, countCommands, createTestKeys, graphqlRequest, testDatabaseName, testMongoUri, type GraphqlResult } from "@sos/kit/testing";
import { loadConfig, type GatewayConfig } from "@sos/gateway/config";
import { createGateway, type Gateway } from "@sos/gateway/server";
import type { Collection, Connection } from "mongoose";
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { composeServices } from "@apollo/composition";
import { subgraphSdl } from "@sos/kit";
import { parse } from "graphql";
import { limitsFromEnv } from "@sos/kit/graphql";
import { IDENTITY_SUBGRAPH, LEDGER_SUBGRAPH, jwksUrlAt, loadSubgraph, readRegistry, urlVariable, type AnySubgraph } from "../../scripts/lib/registry.js";
import { createServer as createNetServer, type AddressInfo } from "node:net";
/** The web portal's origin in tests: the only one allowed to call from a browser. */
export const ALLOWED_ORIGIN = "https://oficinavirtual.example";

export const SUPERGRAPH_FILE = fileURLToPath(new URL("../../schema/supergraph.graphql", import.meta.url));
const MANIFEST_FILE = fileURLToPath(new URL("../../schema/operations/manifest.json", import.meta.url));

/** The secret the test gateways present to the test subgraphs (which refuse calls without it). */
export { TEST_GATEWAY_SECRET, countCommands };

const manifest = JSON.parse(readFileSync(MANIFEST_FILE, "utf8")) as { operations: { id: string; name: string; body: string }[] };

/** A trusted document of schema/operations by name: its id (what clients send) and its body. */
export function trustedOperation(name: string): { id: string; body: string } {
  const operation = manifest.operations.find((candidate) => candidate.name === name);
  if (!operation) throw new Error(`No trusted document named ${name} in schema/operations`);
  return operation;
}

/** A gateway in front of the given subgraphs, configured as the environment `env` says (on top of the test defaults). */
export async function startGateway(options: {
  /** Subgraph name → URL; a bare string is the affiliation subgraph's. */
  subgraphUrl: string | Record<string, string>;
  publicKeyPem: string;
  env?: Record<string, string>;
  rateLimitPrefix?: string;
  /** A supergraph other than the committed one (tests with extra subgraphs). */
  supergraphSdl?: string;
  /** Settings no environment may give (the access walk lets a clinic send its own queries). */
  override?: Partial<GatewayConfig>;
  /** Where it logs (a test reading the lines); silent unless LOG_LEVEL says otherwise. */
  logger?: Logger;
}): Promise<{ gateway: Gateway; running: RunningHttpServer; close(): Promise<void> }> {
  const logger = options.logger ?? createLogger("test", process.env["LOG_LEVEL"] ?? "silent");
  const urls = typeof options.subgraphUrl === "string" ? { affiliation: options.subgraphUrl } : options.subgraphUrl;
  const config = await loadConfig({
    JWT_PUBLIC_KEY: options.publicKeyPem,
    ...Object.fromEntries(Object.entries(urls).map(([name, url]) => [urlVariable(name), url])),
    GATEWAY_SECRET: TEST_GATEWAY_SECRET,
    CORS_ORIGINS: ALLOWED_ORIGIN,
    // Tests stop a subgraph and ask again at once.
    READINESS_CACHE_MS: "0",
    // Generous rates: the tests of rate limits set their own.
    RATE_LIMIT_PER_USER: "100000",
    RATE_LIMIT_PER_CLIENT: "100000",
    RATE_LIMIT_PER_IP: "100000",
    ...options.env,
  });
  const gateway = await createGateway({ ...config, ...(options.supergraphSdl && { supergraphSdl: options.supergraphSdl }), ...options.override, logger, rateLimitPrefix: options.rateLimitPrefix ?? `test:${randomBytes(6).toString("hex")}` });
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

/** One registered subgraph as the stack runs it: over its own fresh database, on a real port. */
export interface StackSubgraph {
  name: string;
  url: string;
  connection: Connection;
  /** Requests that reached its HTTP server so far. */
  requests(): number;
  stop(): Promise<void>;
}

/**
 * The whole graph for a test file: every subgraph of schema/subgraphs.yaml over its own fresh database
 * (seeded when the registry says so) and the gateway in front of them, all on real HTTP ports (0 = any
 * free one), the gateway loading the committed supergraph and trusted documents.
 */
export interface Stack {
  gatewayUrl: string;
  gatewayBase: string;
  subgraphs: Record<string, StackSubgraph>;
  /** The affiliation subgraph's URL and database, which most tests look at. */
  subgraphUrl: string;
  connection: Connection;
  signer: TokenSigner;
  publicKeyPem: string;
  /** The access ledger (every subgraph's chain; `chain` is the subgraph's name), and its database's name. */
  ledger(): Collection;
  ledgerDb: string;
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
  /** How many requests have reached the affiliation subgraph so far. */
  subgraphRequests(): number;
  /** Stops the affiliation subgraph (readiness tests). */
  stopSubgraph(): Promise<void>;
  /** Resolves when the gateway has planned every trusted document ahead of its first request. */
  plansWarmed(): Promise<{ planned: number; failed: number; ms: number }> | null;
  close(): Promise<void>;
}

/** The supergraph of the given subgraphs, composed now (the committed one knows only the registry's). */
async function composeAll(definitions: AnySubgraph[], running: Record<string, StackSubgraph>): Promise<string> {
  const services = [];
  for (const definition of definitions) {
    services.push({ name: definition.name, url: running[definition.name]?.url ?? "", typeDefs: parse(subgraphSdl(await definition.buildSchema())) });
  }
  const result = composeServices(services);
  if (result.errors?.length || !result.supergraphSdl) throw new Error(`Composition failed: ${result.errors?.map((e) => e.message).join("; ")}`);
  return result.supergraphSdl;
}

/** Affiliation answers the others' access questions: it starts first. */
const ACCESS_SUBGRAPH = "affiliation";

export async function startStack(
  options: {
    members?: number;
    env?: Record<string, string>;
    /** Subgraphs beyond the registry's (defined in a test): the stack composes the supergraph itself. */
    extraSubgraphs?: AnySubgraph[];
    /** What the subgraphs' own settings read (a bank's URL and secret), over the process's environment. */
    subgraphEnv?: Record<string, string>;
    /** Gateway settings no environment may give (see startGateway). */
    gatewayOverride?: Partial<GatewayConfig>;
    /** Where every process of the stack logs (a test reading the lines). */
    logger?: Logger;
  } = {},
): Promise<Stack> {
  const logger = options.logger ?? createLogger("test", process.env["LOG_LEVEL"] ?? "silent");
  const { publicKeyPem, signer } = await createTestKeys();
  const registry = readRegistry().sort((a, b) => Number(b.name === ACCESS_SUBGRAPH) - Number(a.name === ACCESS_SUBGRAPH));
  // Every process trusts the test key (tokens the tests sign) and the identity subgraph's key set, whose
  // address is fixed before anything starts: its port is chosen now.
  const identityPort = registry.some((entry) => entry.name === IDENTITY_SUBGRAPH) ? await freePort() : null;
  const jwksUrl = identityPort ? jwksUrlAt(`http://127.0.0.1:${identityPort}`) : null;
  const tokenTrust = { publicKeyPem, jwksUrl };
  // Every subgraph appends to the access ledger in the audit subgraph's database (kit/audit.ts).
  const ledgerDb = testDatabaseName(LEDGER_SUBGRAPH);
  const definitions: { entry: { name: string; seed: boolean }; definition: AnySubgraph }[] = [];
  for (const entry of registry) definitions.push({ entry, definition: await loadSubgraph(entry) });
  for (const definition of options.extraSubgraphs ?? []) definitions.push({ entry: { name: definition.name, seed: false }, definition });
  const subgraphs: Record<string, StackSubgraph> = {};
  // Every subgraph reaches the others by name; filled in as each starts, read when a request asks.
  const peers: Record<string, string> = {};
  for (const { entry, definition } of definitions) {
    const connection = await connectDatabase({ uri: testMongoUri(), dbName: entry.name === LEDGER_SUBGRAPH ? ledgerDb : testDatabaseName(entry.name), logger });
    const server = await definition.createServer({
      connection,
      tokenTrust,
      ledgerDb,
      logger,
      gatewaySecrets: [TEST_GATEWAY_SECRET],
      memberAccessUrl: entry.name === ACCESS_SUBGRAPH ? null : (subgraphs[ACCESS_SUBGRAPH]?.url ?? null),
      peers,
      env: { ...process.env, ...options.subgraphEnv },
      ...(options.subgraphEnv && { limits: limitsFromEnv(options.subgraphEnv) }),
    });
    if (entry.seed) await definition.definition.seed?.(connection, { members: options.members ?? 300, logger });
    let running: RunningHttpServer | null = await server.listen(entry.name === IDENTITY_SUBGRAPH && identityPort ? identityPort : 0, "127.0.0.1");
    peers[entry.name] = running.url;
    let requests = 0;
    running.server.on("request", () => requests++);
    subgraphs[entry.name] = {
      name: entry.name,
      url: running.url,
      connection,
      requests: () => requests,
      async stop() {
        await running?.close();
        running = null;
      },
    };
  }
  const affiliation = subgraphs[ACCESS_SUBGRAPH];
  if (!affiliation) throw new Error("schema/subgraphs.yaml has no affiliation subgraph");
  const supergraphSdl = options.extraSubgraphs?.length ? await composeAll(definitions.map(({ definition }) => definition), subgraphs) : undefined;
  const gateway = await startGateway({
    subgraphUrl: Object.fromEntries(Object.values(subgraphs).map(({ name, url }) => [name, url])),
    publicKeyPem,
    env: { ...(jwksUrl && { JWT_JWKS_URL: jwksUrl }), ...options.env },
    ...(supergraphSdl && { supergraphSdl }),
    ...(options.gatewayOverride && { override: options.gatewayOverride }),
    logger,
  });
  const running = gateway.running;
  const token = (viewer: Viewer) => signer.sign(viewer);
  return {
    gatewayUrl: running.url,
    gatewayBase: running.url.replace(/\/graphql$/, ""),
    subgraphs,
    subgraphUrl: affiliation.url,
    connection: affiliation.connection,
    signer,
    publicKeyPem,
    ledger: () => affiliation.connection.useDb(ledgerDb, { useCache: true }).collection("access_ledger"),
    ledgerDb,
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
    subgraphRequests: () => affiliation.requests(),
    stopSubgraph: () => affiliation.stop(),
    plansWarmed: () => gateway.gateway.plansWarmed(),
    async close() {
      await gateway.close();
      for (const subgraph of Object.values(subgraphs)) {
        await subgraph.stop();
        await subgraph.connection.dropDatabase();
        await subgraph.connection.close();
      }
    },
  };
}

/** A port free now on loopback (asked of the OS, then released for the caller to bind). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

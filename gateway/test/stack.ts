import { connectDatabase, createLogger, type RunningHttpServer, type TokenSigner, type Viewer } from "@sos/kit";
import { createTestKeys, graphqlRequest, testDatabaseName, testMongoUri, type GraphqlResult } from "@sos/kit/testing";
import { createServer, type AffiliationServer } from "@sos/affiliation/server";
import { seedAffiliation } from "@sos/affiliation/seed";
import type { Connection } from "mongoose";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { createGateway } from "../src/server.js";

/** The web portal's origin in tests: the only one allowed to call from a browser. */
export const ALLOWED_ORIGIN = "https://oficinavirtual.example";

export const SUPERGRAPH_FILE = fileURLToPath(new URL("../../schema/supergraph.graphql", import.meta.url));

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
  token(viewer: Viewer): Promise<string>;
  query<T = Record<string, unknown>>(
    query: string,
    options?: { variables?: Record<string, unknown>; viewer?: Viewer; headers?: Record<string, string> },
  ): Promise<GraphqlResult<T>>;
  stopSubgraph(): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(options: { members?: number } = {}): Promise<Stack> {
  const logger = createLogger("test", process.env["LOG_LEVEL"] ?? "silent");
  const { publicKeyPem, signer } = await createTestKeys();
  const dbName = testDatabaseName("affiliation");
  const connection = await connectDatabase({ uri: testMongoUri(), dbName, logger, monitorCommands: true });
  const affiliation = await createServer({ connection, publicKeyPem, logger });
  await seedAffiliation(connection, { members: options.members ?? 300 });
  let subgraph: RunningHttpServer | null = await affiliation.listen(0, "127.0.0.1");
  const gateway = await createGateway({
    supergraphSdl: await readFile(SUPERGRAPH_FILE, "utf8"),
    subgraphUrls: { affiliation: subgraph.url },
    publicKeyPem,
    logger,
    corsOrigins: [ALLOWED_ORIGIN],
  });
  const running = await gateway.listen(0, "127.0.0.1");
  const token = (viewer: Viewer) => signer.sign(viewer);
  return {
    gatewayUrl: running.url,
    gatewayBase: running.url.replace(/\/graphql$/, ""),
    subgraphUrl: subgraph.url,
    connection,
    affiliation,
    signer,
    token,
    async query(query, { variables, viewer, headers } = {}) {
      return graphqlRequest(running.url, query, { variables, headers, ...(viewer && { token: await token(viewer) }) });
    },
    async stopSubgraph() {
      await subgraph?.close();
      subgraph = null;
    },
    async close() {
      await running.close();
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

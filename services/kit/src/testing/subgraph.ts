import type { Connection } from "mongoose";
import type { Viewer } from "../auth/viewer.js";
import type { TokenSigner } from "../auth/tokens.js";
import { createLogger } from "../logger.js";
import type { RunnableSubgraph } from "../subgraph/define.js";
import { testDatabase, testDatabaseName } from "./database.js";
import { createTestKeys, graphqlRequest, type GraphqlResult } from "./http.js";

/** The secret test gateways and subgraphs share. */
export const TEST_GATEWAY_SECRET = "test-gateway-secret-0123456789";

export interface TestSubgraph {
  url: string;
  connection: Connection;
  signer: TokenSigner;
  publicKeyPem: string;
  /** Runs an operation against the subgraph as `viewer` (a signed token), through the gateway's door. */
  query<T = Record<string, unknown>>(
    query: string,
    options?: { viewer?: Viewer; variables?: Record<string, unknown>; headers?: Record<string, string> },
  ): Promise<GraphqlResult<T>>;
  close(): Promise<void>;
}

/**
 * One subgraph over a fresh database of its own, listening on a free port, as a subgraph test needs it:
 * its indexes made, the gateway's secret required, tokens signed by a key of this test file.
 */
export async function startTestSubgraph(
  subgraph: RunnableSubgraph,
  options: { memberAccessUrl?: string | null; peers?: Record<string, string>; env?: NodeJS.ProcessEnv } = {},
): Promise<TestSubgraph> {
  const { publicKeyPem, signer } = await createTestKeys();
  const database = await testDatabase(subgraph.name);
  // The access ledger in a database of this test file's too.
  const ledgerDb = testDatabaseName("audit");
  const server = await subgraph.createServer({
    ledgerDb,
    connection: database.connection,
    publicKeyPem,
    logger: createLogger("test", process.env["LOG_LEVEL"] ?? "silent"),
    gatewaySecrets: [TEST_GATEWAY_SECRET],
    memberAccessUrl: options.memberAccessUrl ?? null,
    peers: options.peers ?? {},
    ...(options.env && { env: options.env }),
  });
  const running = await server.listen(0, "127.0.0.1");
  return {
    url: running.url,
    connection: database.connection,
    signer,
    publicKeyPem,
    async query(query, { viewer, variables, headers } = {}) {
      return graphqlRequest(running.url, query, {
        variables,
        headers: { "x-gateway-secret": TEST_GATEWAY_SECRET, ...headers },
        ...(viewer && { token: await signer.sign(viewer) }),
      });
    },
    async close() {
      await running.close();
      await database.connection.useDb(ledgerDb).dropDatabase();
      await database.drop();
    },
  };
}

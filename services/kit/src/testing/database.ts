import type { Connection } from "mongoose";
import { randomBytes } from "node:crypto";
import { createLogger } from "../logger.js";
import { connectDatabase } from "../mongo/connection.js";

/** Tests run against the server the test command provisioned; they never guess one. */
export function testMongoUri(): string {
  const uri = process.env["MONGODB_URI"];
  if (!uri) throw new Error("MONGODB_URI is not set: run the tests with `npm test`, which provisions a database server.");
  return uri;
}

/** A database name no other test file or run uses: `test_<prefix>_<random>`. */
export const testDatabaseName = (prefix: string): string => `test_${prefix}_${randomBytes(4).toString("hex")}`;

/** A fresh database of its own for a test file; `drop()` removes it and closes the connection. */
export async function testDatabase(prefix: string): Promise<{ connection: Connection; drop(): Promise<void> }> {
  const connection = await connectDatabase({
    uri: testMongoUri(),
    dbName: testDatabaseName(prefix),
    logger: createLogger("test", process.env["LOG_LEVEL"] ?? "silent"),
  });
  return {
    connection,
    async drop() {
      await connection.dropDatabase();
      await connection.close();
    },
  };
}

/**
 * Counts the database commands a piece of work sends to `connection`'s database (driver command
 * monitoring, which connectDatabase turns on). The access ledger's bookkeeping is not counted — its writes go to
 * another database, and the chain's head kept here (`ledger_head`) is one update — a fixed cost per
 * recorded request, not part of what a query reads.
 */
export async function countCommands(connection: Connection, work: () => Promise<unknown>): Promise<{ count: number; names: string[] }> {
  const names: string[] = [];
  const client = connection.getClient();
  const listener = (event: { commandName: string; databaseName: string; command: Record<string, unknown> }) => {
    if (event.databaseName === connection.name && event.command[event.commandName] !== "ledger_head") names.push(event.commandName);
  };
  client.on("commandStarted", listener);
  try {
    await work();
  } finally {
    client.off("commandStarted", listener);
  }
  return { count: names.length, names };
}

interface PlanNode {
  stage?: string;
  inputStage?: PlanNode;
  inputStages?: PlanNode[];
  queryPlan?: PlanNode;
}

const stages = (node: PlanNode | undefined): string[] =>
  node ? [node.stage ?? "", ...stages(node.inputStage), ...(node.inputStages ?? []).flatMap(stages), ...stages(node.queryPlan)] : [];

/**
 * How the server answers a find: the winning plan's stages (IXSCAN, COLLSCAN, ...), and how many
 * documents it returned and read. "Served by an index" = IXSCAN, no COLLSCAN, examined = returned.
 */
export async function explainFind(connection: Connection, collection: string, filter: object, sort?: object): Promise<{ plan: string[]; returned: number; examined: number }> {
  const cursor = connection.collection(collection).find(filter);
  if (sort) cursor.sort(sort as never);
  const explained = (await cursor.explain("executionStats")) as unknown as {
    queryPlanner: { winningPlan: PlanNode };
    executionStats: { nReturned: number; totalDocsExamined: number };
  };
  return {
    plan: stages(explained.queryPlanner.winningPlan),
    returned: explained.executionStats.nReturned,
    examined: explained.executionStats.totalDocsExamined,
  };
}

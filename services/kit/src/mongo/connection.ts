import mongoose, { type ClientSession, type Connection } from "mongoose";
import type { Logger } from "../logger.js";
import { instrumentConnection } from "../observability/mongo.js";

export interface DatabaseOptions {
  uri: string;
  /** Each subgraph has its own database; tests pass a unique name per run. */
  dbName: string;
  logger: Logger;
}

/**
 * A dedicated mongoose connection for one subgraph's database. Collections and indexes are not created
 * implicitly in the background: each service declares them on its schemas and creates them at start,
 * one at a time, with ensureIndexes(), before it takes traffic. (Background DDL racing concurrent writes
 * deadlocked SecantusDB 0.7.0b3 once in CI; on MongoDB it is merely untidy.)
 */
export async function connectDatabase(options: DatabaseOptions): Promise<Connection> {
  const connection = mongoose.createConnection(options.uri, {
    dbName: options.dbName,
    autoIndex: false,
    autoCreate: false,
    serverSelectionTimeoutMS: 10_000,
    // Command events feed the latency metrics and spans (observability/mongo.ts); tests count round trips with them.
    monitorCommands: true,
  });
  instrumentConnection(connection, options.dbName);
  await connection.asPromise();
  options.logger.info({ dbName: options.dbName }, "database connected");
  return connection;
}

/** What ensureIndexes needs of a model: to create its collection and its declared indexes. */
export interface IndexedModel {
  createCollection(): Promise<unknown>;
  createIndexes(): Promise<unknown>;
}

/** Creates every declared index (never drops one: removing an index is a deliberate migration). */
export async function ensureIndexes(models: IndexedModel[]): Promise<void> {
  for (const model of models) {
    await model.createCollection().catch((error: unknown) => {
      // 48 NamespaceExists: the collection is already there, which is what we want.
      if ((error as { code?: number }).code !== 48) throw error;
    });
    await model.createIndexes();
  }
}

/** Writes that move money or answer a legal duty wait for the journal on a majority. */
export const DURABLE = { writeConcern: { w: "majority" as const, j: true } };

/**
 * A multi-document transaction whose commit waits for a journaled majority — for the changes that move
 * money or answer a legal duty (a schema's write concern does not apply inside a transaction: the
 * commit's does). Retried by the driver on a transient error, so `work` must only write through `session`.
 */
export function durableTransaction<T>(connection: Connection, work: (session: ClientSession) => Promise<T>): Promise<T> {
  return connection.transaction(work, { writeConcern: { w: "majority", j: true } });
}

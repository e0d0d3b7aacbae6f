import { ledgerConnection, ledgerModel, type SubgraphContext } from "@sos/kit";
import type { Connection } from "mongoose";

/**
 * The ledger database — LEDGER_DB, as every subgraph that appends to it reads it, else this subgraph's
 * own (the default: LEDGER_DB is "audit", this subgraph's database).
 */
export function createModels(connection: Connection) {
  const ledgerDb = process.env["LEDGER_DB"]?.trim() || connection.name;
  return { ledger: ledgerModel(ledgerDb === connection.name ? connection : ledgerConnection(connection, ledgerDb)) };
}
export type Models = ReturnType<typeof createModels>;

/** No loaders: each list is one indexed query. */
export const createLoaders = (): Record<string, never> => ({});
export type Loaders = ReturnType<typeof createLoaders>;

export type Context = SubgraphContext<Models, Loaders>;

import { certificateRegisterModel, documentSigningKey, ledgerConnection, ledgerModel, type SubgraphContext } from "@sos/kit";
import type { Connection } from "mongoose";

/**
 * The ledger database — LEDGER_DB, as every subgraph that appends to it reads it, else this subgraph's
 * own (the default: LEDGER_DB is "audit", this subgraph's database).
 */
export function createModels(connection: Connection) {
  const ledgerDb = process.env["LEDGER_DB"]?.trim() || connection.name;
  const ledger = ledgerDb === connection.name ? connection : ledgerConnection(connection, ledgerDb);
  // The register of issued certificates lives beside the ledger: every issuing subgraph enters its own.
  return { ledger: ledgerModel(ledger), certificates: certificateRegisterModel(ledger) };
}
export type Models = ReturnType<typeof createModels>;

/** The key that signs the register's entries (shared with every issuing subgraph). */
export const createSettings = (env: NodeJS.ProcessEnv) => ({ documentKey: documentSigningKey(env) });
export type Settings = ReturnType<typeof createSettings>;

/** No loaders: each list is one indexed query. */
export const createLoaders = (): Record<string, never> => ({});
export type Loaders = ReturnType<typeof createLoaders>;

export type Context = SubgraphContext<Models, Loaders, Settings>;

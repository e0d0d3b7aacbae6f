import { ledgerModel, type SubgraphContext } from "@sos/kit";
import type { Connection } from "mongoose";

/** The ledger database is this subgraph's own: every subgraph appends its chain to it (kit/audit.ts). */
export function createModels(connection: Connection) {
  return { ledger: ledgerModel(connection) };
}
export type Models = ReturnType<typeof createModels>;

/** No loaders: each list is one indexed query. */
export const createLoaders = (): Record<string, never> => ({});
export type Loaders = ReturnType<typeof createLoaders>;

export type Context = SubgraphContext<Models, Loaders>;

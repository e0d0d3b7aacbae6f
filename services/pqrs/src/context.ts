import { findPagesByKey, keyedLoader, pagedLoaders, type Connection as Page, type PageArgs, type SubgraphContext } from "@sos/kit";
import type { Connection } from "mongoose";
import { counterModel, outboxModel, pqrsModel, type PqrsDoc, type PqrsModel } from "./pqrs/pqrs.model.js";
import type { PqrsState } from "./pqrs/pqrs.rules.js";
import type { PqrsSettings } from "./settings.js";

export function createModels(connection: Connection) {
  return { pqrs: pqrsModel(connection), outbox: outboxModel(connection), counters: counterModel(connection) };
}
export type Models = ReturnType<typeof createModels>;

export interface PqrsListArgs {
  states: PqrsState[] | null;
  page: PageArgs;
  withTotal: boolean;
}

function createPqrsLoaders(pqrs: PqrsModel) {
  return {
    pqrsByNumber: keyedLoader<string, PqrsDoc>("pqrsByNumber", (numbers) => pqrs.find({ _id: { $in: [...numbers] } }).lean<PqrsDoc[]>().exec(), (doc) => doc._id),
    /** A member's PQRS newest first, one page per member: one command for a list of members. */
    pqrsOfMember: pagedLoaders<PqrsListArgs, Page<PqrsDoc>>("pqrsOfMember", (memberIds, args) =>
      findPagesByKey<PqrsDoc>({ model: pqrs, keyField: "memberId", keys: memberIds, filter: args.states?.length ? { state: { $in: args.states } } : {}, sortField: "sortKey", direction: -1, args: args.page, withTotal: args.withTotal }),
    ),
  };
}

export function createLoaders(models: Models) {
  return { ...createPqrsLoaders(models.pqrs) };
}
export type Loaders = ReturnType<typeof createLoaders>;

export type Context = SubgraphContext<Models, Loaders, PqrsSettings>;

import { findPagesByKey, keyedLoader, pagedLoaders, type Connection as Page, type PageArgs, type SubgraphContext } from "@sos/kit";
import type { Connection } from "mongoose";
import { counterModel, incapacityModel, type IncapacityDoc, type IncapacityModel, type IncapacityType } from "./incapacity/incapacity.model.js";

/** This subgraph's collections, in its own database. */
export function createModels(connection: Connection) {
  return { incapacities: incapacityModel(connection), counters: counterModel(connection) };
}
export type Models = ReturnType<typeof createModels>;

export interface IncapacityListArgs {
  from: string | null;
  to: string | null;
  types: IncapacityType[] | null;
  /** An employer sees only the incapacities it filed (as aportante). */
  employerNit: string | null;
  page: PageArgs;
  withTotal: boolean;
}

/** A date range on the "<startDate>:<id>" sort key ("~" sorts after every id). */
export function startDateRange(from: string | null, to: string | null): Record<string, unknown> {
  const range: Record<string, string> = {};
  if (from) range["$gte"] = from;
  if (to) range["$lte"] = `${to}:~`;
  return Object.keys(range).length ? { sortKey: range } : {};
}

function createIncapacityLoaders(incapacities: IncapacityModel) {
  return {
    incapacityByNumber: keyedLoader<string, IncapacityDoc>("incapacityByNumber", (numbers) => incapacities.find({ _id: { $in: [...numbers] } }).lean<IncapacityDoc[]>().exec(), (doc) => doc._id),
    /** A member's incapacities, newest first, one page per member: one command for a list of members. */
    incapacitiesOfMember: pagedLoaders<IncapacityListArgs, Page<IncapacityDoc>>("incapacitiesOfMember", (memberIds, args) =>
      findPagesByKey<IncapacityDoc>({
        model: incapacities,
        keyField: "memberId",
        keys: memberIds,
        filter: { ...startDateRange(args.from, args.to), ...(args.types?.length && { type: { $in: args.types } }), ...(args.employerNit && { employerNit: args.employerNit }) },
        sortField: "sortKey",
        direction: -1,
        args: args.page,
        withTotal: args.withTotal,
      }),
    ),
  };
}

/** Loaders live one request: they batch and cache within it, never across viewers. */
export function createLoaders(models: Models) {
  return { ...createIncapacityLoaders(models.incapacities) };
}
export type Loaders = ReturnType<typeof createLoaders>;

export type Context = SubgraphContext<Models, Loaders>;

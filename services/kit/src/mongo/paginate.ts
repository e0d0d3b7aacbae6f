import type { QueryFilter, Model } from "mongoose";
import { badUserInput } from "../errors.js";
import { DEFAULT_PAGE_SIZE, type Connection, type PageArgs } from "../graphql/pagination.js";

type SortValue = string | number;

const encodeCursor = (value: SortValue): string => Buffer.from(JSON.stringify({ v: value })).toString("base64url");

function decodeCursor(cursor: string): SortValue {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { v?: unknown };
    if (typeof parsed.v === "string" || typeof parsed.v === "number") return parsed.v;
  } catch {
    // fall through to the error below
  }
  throw badUserInput({ field: "after", message: "El cursor «after» no es válido: use el endCursor de una página anterior." });
}

export interface PageQuery<T> {
  model: Model<T>;
  filter: QueryFilter<T>;
  /**
   * The order: this field ascending. It must be unique per document (e.g. a name with the id appended), so
   * "after the cursor" is a plain range `{ sortField: { $gt: cursor } }`, which an index on (filter fields,
   * sortField) serves. A two-field keyset needs an `$or`, which planners (SecantusDB's, measured) answer
   * with a collection scan.
   */
  sortField: string & keyof T;
  args: PageArgs;
  /** Count all matches (only when the client asked for totalCount). */
  withTotal: boolean;
}

/**
 * Keyset pagination: each page continues strictly after the last (sort value, _id) of the previous one,
 * so pages stay stable while documents are added and no page costs more than its own size.
 */
export async function findPage<T extends object>(query: PageQuery<T>): Promise<Connection<T>> {
  const { model, filter, sortField, args, withTotal } = query;
  const size = args.first ?? DEFAULT_PAGE_SIZE;
  const after = args.after ? decodeCursor(args.after) : null;
  const pageFilter = (after === null ? filter : { ...filter, [sortField]: { $gt: after } }) as QueryFilter<T>;
  const [docs, total] = await Promise.all([
    model
      .find(pageFilter)
      .sort({ [sortField]: 1 })
      .limit(size + 1)
      .lean<T[]>()
      .exec(),
    withTotal ? model.countDocuments(filter).exec() : Promise.resolve(null),
  ]);
  const hasNextPage = docs.length > size;
  const nodes = hasNextPage ? docs.slice(0, size) : docs;
  const edges = nodes.map((node) => ({
    node,
    cursor: encodeCursor((node as Record<string, unknown>)[sortField] as SortValue),
  }));
  return {
    edges,
    nodes,
    pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: total,
  };
}

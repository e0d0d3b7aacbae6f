import type { QueryFilter, Model } from "mongoose";
import { badUserInput } from "../errors.js";
import { DEFAULT_PAGE_SIZE, type Connection, type PageArgs } from "../graphql/pagination.js";

type SortValue = string | number | Date | null;

interface CursorPayload {
  v: SortValue;
  id: string;
}

const encodeCursor = (payload: CursorPayload): string => Buffer.from(JSON.stringify(payload)).toString("base64url");

function decodeCursor(cursor: string): CursorPayload {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Partial<CursorPayload>;
    if (typeof parsed.id === "string" && "v" in parsed) return parsed as CursorPayload;
  } catch {
    // fall through to the error below
  }
  throw badUserInput({ field: "after", message: "El cursor «after» no es válido: use el endCursor de una página anterior." });
}

export interface PageQuery<T> {
  model: Model<T>;
  filter: QueryFilter<T>;
  /** The order: this field ascending, then _id. An index on (filter fields, sortField, _id) serves it. */
  sortField: string & keyof T;
  args: PageArgs;
  /** Count all matches (only when the client asked for totalCount). */
  withTotal: boolean;
}

/**
 * Keyset pagination: each page continues strictly after the last (sort value, _id) of the previous one,
 * so pages stay stable while documents are added and no page costs more than its own size.
 */
export async function findPage<T extends { _id: string }>(query: PageQuery<T>): Promise<Connection<T>> {
  const { model, filter, sortField, args, withTotal } = query;
  const size = args.first ?? DEFAULT_PAGE_SIZE;
  const after = args.after ? decodeCursor(args.after) : null;
  const pageFilter: QueryFilter<T> = after
    ? ({
        $and: [
          filter,
          { $or: [{ [sortField]: { $gt: after.v } }, { [sortField]: after.v, _id: { $gt: after.id } }] },
        ],
      } as QueryFilter<T>)
    : filter;
  const [docs, total] = await Promise.all([
    model
      .find(pageFilter)
      .sort({ [sortField]: 1, _id: 1 })
      .limit(size + 1)
      .lean<T[]>()
      .exec(),
    withTotal ? model.countDocuments(filter).exec() : Promise.resolve(null),
  ]);
  const hasNextPage = docs.length > size;
  const nodes = hasNextPage ? docs.slice(0, size) : docs;
  const edges = nodes.map((node) => ({
    node,
    cursor: encodeCursor({ v: (node as Record<string, unknown>)[sortField] as SortValue, id: node._id }),
  }));
  return {
    edges,
    nodes,
    pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: total,
  };
}

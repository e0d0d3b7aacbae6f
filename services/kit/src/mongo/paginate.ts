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
  /** 1 (default): ascending; -1: descending, e.g. newest first on a date-prefixed key. */
  direction?: 1 | -1;
  args: PageArgs;
  /** Count all matches (only when the client asked for totalCount). */
  withTotal: boolean;
}

/**
 * The filter narrowed to "strictly after the cursor" in the page's direction, kept inside any range the
 * filter already puts on the sort field (a date range on a date-prefixed key).
 */
function afterCursor(filter: object, sortField: string, after: SortValue | null, direction: 1 | -1): Record<string, unknown> {
  if (after === null) return { ...filter };
  const operator = direction === 1 ? "$gt" : "$lt";
  const range = { ...((filter as Record<string, unknown>)[sortField] as Record<string, SortValue> | undefined) };
  const current = range[operator];
  const tighter = current === undefined || (direction === 1 ? after > current : after < current);
  return { ...filter, [sortField]: { ...range, [operator]: tighter ? after : current } };
}

/** A page from one more document than asked for (whether a next page exists). */
function toPage<T>(docs: T[], size: number, sortField: string, total: number | null): Connection<T> {
  const hasNextPage = docs.length > size;
  const nodes = hasNextPage ? docs.slice(0, size) : docs;
  const edges = nodes.map((node) => ({
    node,
    cursor: encodeCursor((node as Record<string, unknown>)[sortField] as SortValue),
  }));
  return { edges, nodes, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: total };
}

/**
 * Keyset pagination: each page continues strictly after the last (sort value, _id) of the previous one,
 * so pages stay stable while documents are added and no page costs more than its own size.
 */
export async function findPage<T extends object>(query: PageQuery<T>): Promise<Connection<T>> {
  const { model, filter, sortField, args, withTotal, direction = 1 } = query;
  const size = args.first ?? DEFAULT_PAGE_SIZE;
  const after = args.after ? decodeCursor(args.after) : null;
  const pageFilter = afterCursor(filter, sortField, after, direction) as QueryFilter<T>;
  const [docs, total] = await Promise.all([
    model
      .find(pageFilter)
      .sort({ [sortField]: direction })
      .limit(size + 1)
      .lean<T[]>()
      .exec(),
    withTotal ? model.countDocuments(filter).exec() : Promise.resolve(null),
  ]);
  return toPage(docs, size, sortField, total);
}

export interface PagesByKeyQuery<T> extends PageQuery<T> {
  /** The field the pages are per (e.g. memberId): one page for each of `keys`. */
  keyField: string & keyof T;
  keys: readonly string[];
}

/**
 * The same page of a list for many owners at once (`Member.authorizations` for every member of a list):
 * one aggregation whatever the number of owners, each group cut to the page size on the server ($topN),
 * so N members cost the same database commands as one, and only a page per owner travels back. The
 * server still reads each owner's matches after the cursor: meant for lists that are short per owner
 * (a member's authorizations, invoices), not for unbounded ones.
 */
export async function findPagesByKey<T extends object>(query: PagesByKeyQuery<T>): Promise<Map<string, Connection<T>>> {
  const { model, filter, sortField, args, withTotal, keyField, keys, direction = 1 } = query;
  const size = args.first ?? DEFAULT_PAGE_SIZE;
  const after = args.after ? decodeCursor(args.after) : null;
  const owned = { ...filter, [keyField]: { $in: [...keys] } };
  // With a cursor the page's match is narrower than the list: the total is counted apart.
  const countApart = withTotal && after !== null;
  const groups = await model
    .aggregate<{ _id: string; docs: T[]; total?: number }>([
      { $match: afterCursor(owned, sortField, after, direction) },
      {
        $group: {
          _id: `$${keyField}`,
          docs: { $topN: { n: size + 1, sortBy: { [sortField]: direction }, output: "$$ROOT" } },
          ...(withTotal && !countApart && { total: { $sum: 1 } }),
        },
      },
    ])
    .exec();
  const totals = countApart
    ? new Map((await model.aggregate<{ _id: string; total: number }>([{ $match: owned }, { $group: { _id: `$${keyField}`, total: { $sum: 1 } } }]).exec()).map((g) => [g._id, g.total]))
    : new Map(groups.map((g) => [g._id, g.total ?? 0]));
  const byKey = new Map(groups.map((g) => [g._id, g.docs]));
  return new Map(keys.map((key) => [key, toPage(byKey.get(key) ?? [], size, sortField, withTotal ? (totals.get(key) ?? 0) : null)]));
}

import { findPagesByKey, keyedLoader, pagedLoaders, type Connection as Page, type PageArgs } from "@sos/kit";
import { addDays } from "@sos/kit/seed";
import type { AuthorizationFilter } from "./authorization.input.js";
import type { AuthorizationDoc, AuthorizationModel } from "./authorization.model.js";

/** Colombia's day D begins at 05:00 UTC: a date range becomes a range of the date-prefixed sortKey. */
const startOfColombianDay = (date: string): string => `${date}T05:00:00.000Z`;

/** A member's list filter as a query on (memberId, state, sortKey), the index's order. */
export function authorizationListFilter(filter: AuthorizationFilter | null | undefined): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  if (filter?.states?.length) query["state"] = { $in: filter.states };
  const range: Record<string, string> = {};
  if (filter?.filedFrom) range["$gte"] = startOfColombianDay(filter.filedFrom);
  if (filter?.filedTo) range["$lt"] = startOfColombianDay(addDays(filter.filedTo, 1));
  if (Object.keys(range).length) query["sortKey"] = range;
  return query;
}

export interface MemberListArgs {
  filter: AuthorizationFilter | null;
  page: PageArgs;
  withTotal: boolean;
}

export function createAuthorizationLoaders(authorizations: AuthorizationModel) {
  return {
    authorizationByNumber: keyedLoader<string, AuthorizationDoc>("authorizationByNumber", 
      (numbers) => authorizations.find({ _id: { $in: [...numbers] } }).lean<AuthorizationDoc[]>().exec(),
      (authorization) => authorization._id,
    ),
    /** A member's authorizations newest first, one page per member: one command for a whole list of members. */
    authorizationsOfMember: pagedLoaders<MemberListArgs, Page<AuthorizationDoc>>("authorizationsOfMember", (memberIds, args) =>
      findPagesByKey<AuthorizationDoc>({
        model: authorizations,
        keyField: "memberId",
        keys: memberIds,
        filter: authorizationListFilter(args.filter),
        sortField: "sortKey",
        direction: -1,
        args: args.page,
        withTotal: args.withTotal,
      }),
    ),
  };
}

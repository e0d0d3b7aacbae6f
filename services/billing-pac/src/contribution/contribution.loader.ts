import { findPagesByKey, observedBatch, pagedLoaders, type Connection as Page, type PageArgs } from "@sos/kit";
import DataLoader from "dataloader";
import type { ContributionDoc, ContributionModel } from "./contribution.model.js";
import { paymentStatuses, type PaymentStatus } from "./contribution.status.js";

export interface ContributionListArgs {
  from: string | null;
  to: string | null;
  /** An employer sees only the periods it paid as aportante. */
  aportanteNit: string | null;
  page: PageArgs;
  withTotal: boolean;
}

/** A period range as a range of the "<period>:<memberId>" sort key ("~" sorts after every id). */
export function periodRange(from: string | null, to: string | null): Record<string, unknown> {
  const range: Record<string, string> = {};
  if (from) range["$gte"] = from;
  if (to) range["$lte"] = `${to}:~`;
  return Object.keys(range).length ? { sortKey: range } : {};
}

export function createContributionLoaders(contributions: ContributionModel) {
  return {
    /** A member's contributions newest first, one page per member: one command for a whole list. */
    contributionsOfMember: pagedLoaders<ContributionListArgs, Page<ContributionDoc>>("contributionsOfMember", (memberIds, args) =>
      findPagesByKey<ContributionDoc>({
        model: contributions,
        keyField: "memberId",
        keys: memberIds,
        filter: { ...periodRange(args.from, args.to), ...(args.aportanteNit && { aportanteNit: args.aportanteNit }) },
        sortField: "sortKey",
        direction: -1,
        args: args.page,
        withTotal: args.withTotal,
      }),
    ),
    /** Paz y salvo and arrears of many members in two commands. */
    paymentStatusOf: new DataLoader<string, PaymentStatus>(observedBatch("paymentStatusOf", async (memberIds) => {
      const found = await paymentStatuses(contributions, memberIds);
      return memberIds.map((id) => found.get(id) as PaymentStatus);
    }), { maxBatchSize: 200 }),
  };
}

import { findPagesByKey, keyedLoader, pagedLoaders, todayInColombia, type Connection as Page, type PageArgs } from "@sos/kit";
import { addDays } from "@sos/kit/seed";
import { PendingDeliveryState, PrescriptionState } from "./mipres.enums.js";
import type { PendingDeliveryDoc, PendingDeliveryModel, PrescriptionDoc, PrescriptionModel } from "./mipres.model.js";
import { isVigente, type PrescriptionTerms } from "./mipres.rules.js";

export interface PrescriptionListArgs {
  onlyVigentes: boolean;
  page: PageArgs;
  withTotal: boolean;
}

export interface PendingDeliveryListArgs {
  onlyOpen: boolean;
  page: PageArgs;
  withTotal: boolean;
}

/**
 * What a query can say of "vigente": active, and prescribed at most a year and a day ago (no window is
 * longer than a year; the extra day covers a leap year). The sortKey starts with the date, so this is a
 * range of the (memberId, sortKey) index. The rest (fully delivered, 3-month window of a single delivery)
 * is decided per document by the rules.
 */
export function vigenteCandidates(today: string): Record<string, unknown> {
  return { state: PrescriptionState.ACTIVA, sortKey: { $gte: addDays(today, -366) } };
}

/** The vigentes of a page of candidates. The cursor stays the page's last candidate, so the next page goes on after it. */
function keepVigentes(page: Page<PrescriptionDoc>, today: string, total: number | null): Page<PrescriptionDoc> {
  const edges = page.edges.filter((edge) => isVigente(edge.node, today));
  return { edges, nodes: edges.map((edge) => edge.node), pageInfo: page.pageInfo, totalCount: total };
}

/** Exact counts of vigentes per member: the candidates' few fields the rules need, one query for all members. */
async function countVigentes(prescriptions: PrescriptionModel, memberIds: readonly string[], today: string): Promise<Map<string, number>> {
  const candidates = await prescriptions
    .find({ memberId: { $in: [...memberIds] }, ...vigenteCandidates(today) })
    .select({ memberId: 1, prescribedAt: 1, state: 1, "technologies.quantity": 1, "technologies.delivered": 1, "technologies.deliveries": 1 })
    .lean<(PrescriptionTerms & { memberId: string })[]>()
    .exec();
  const totals = new Map<string, number>();
  for (const candidate of candidates) {
    if (isVigente(candidate, today)) totals.set(candidate.memberId, (totals.get(candidate.memberId) ?? 0) + 1);
  }
  return totals;
}

async function prescriptionPages(prescriptions: PrescriptionModel, memberIds: readonly string[], args: PrescriptionListArgs): Promise<Map<string, Page<PrescriptionDoc>>> {
  const base = { model: prescriptions, keyField: "memberId" as const, keys: memberIds, sortField: "sortKey" as const, direction: -1 as const, args: args.page };
  if (!args.onlyVigentes) return findPagesByKey<PrescriptionDoc>({ ...base, filter: {}, withTotal: args.withTotal });
  // The page reads at most `first` + 1 candidates and keeps the vigentes among them: it may hold fewer
  // than `first` (even none) while hasNextPage says more candidates follow. No page reads more.
  const today = todayInColombia();
  const [pages, totals] = await Promise.all([
    findPagesByKey<PrescriptionDoc>({ ...base, filter: vigenteCandidates(today), withTotal: false }),
    args.withTotal ? countVigentes(prescriptions, memberIds, today) : Promise.resolve(null),
  ]);
  return new Map([...pages].map(([memberId, page]) => [memberId, keepVigentes(page, today, totals ? (totals.get(memberId) ?? 0) : null)]));
}

export function createMipresLoaders(prescriptions: PrescriptionModel, pendingDeliveries: PendingDeliveryModel) {
  return {
    prescriptionByNumber: keyedLoader<string, PrescriptionDoc>("prescriptionByNumber", 
      (numbers) => prescriptions.find({ _id: { $in: [...numbers] } }).lean<PrescriptionDoc[]>().exec(),
      (prescription) => prescription._id,
    ),
    pendingDeliveryById: keyedLoader<string, PendingDeliveryDoc>("pendingDeliveryById", 
      (ids) => pendingDeliveries.find({ _id: { $in: [...ids] } }).lean<PendingDeliveryDoc[]>().exec(),
      (pending) => pending._id,
    ),
    /** A member's MIPRES prescriptions newest first, one page per member: one command for a list of members. */
    prescriptionsOfMember: pagedLoaders<PrescriptionListArgs, Page<PrescriptionDoc>>("prescriptionsOfMember", (memberIds, args) => prescriptionPages(prescriptions, memberIds, args)),
    /** A member's pendientes newest first (only the open ones on the (memberId, state, sortKey) index). */
    pendingDeliveriesOfMember: pagedLoaders<PendingDeliveryListArgs, Page<PendingDeliveryDoc>>("pendingDeliveriesOfMember", (memberIds, args) =>
      findPagesByKey<PendingDeliveryDoc>({
        model: pendingDeliveries,
        keyField: "memberId",
        keys: memberIds,
        filter: args.onlyOpen ? { state: PendingDeliveryState.PENDIENTE } : {},
        sortField: "sortKey",
        direction: -1,
        args: args.page,
        withTotal: args.withTotal,
      }),
    ),
  };
}
export type MipresLoaders = ReturnType<typeof createMipresLoaders>;

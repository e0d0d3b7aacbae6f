import { ContributionState, type ContributionDoc, type ContributionModel } from "./contribution.model.js";

export type PaymentStanding = "AL_DIA" | "EN_MORA" | "SIN_APORTES";
export type SuspensionRule = "NO_APLICA" | "APLICA" | "NO_APLICA_EMPLEADOR_DESCONTO";

/** A cotizante's standing in PBS contributions: what clients show and other subgraphs may ask. */
export interface PaymentStatus {
  standing: PaymentStanding;
  pazYSalvo: boolean;
  /** Up to date since the last payment, or in arrears since the first unpaid period's due date. */
  since: string | null;
  unpaidPeriods: string[];
  /** The longest run of consecutive unpaid months. */
  consecutiveUnpaid: number;
  suspension: SuspensionRule;
}

const monthIndex = (period: string): number => Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;

/**
 * The rule of domain.md: two consecutive unpaid periods suspend the affiliation (Decreto 780 de 2016),
 * except for a worker whose employer deducted the contribution and did not pay it (Ley 789 de 2002 art. 43).
 */
export function paymentStatus(unpaid: readonly Pick<ContributionDoc, "period" | "dueDate" | "deductedNotPaid">[], lastPaidOn: string | null, hasAny: boolean): PaymentStatus {
  if (!hasAny) return { standing: "SIN_APORTES", pazYSalvo: false, since: null, unpaidPeriods: [], consecutiveUnpaid: 0, suspension: "NO_APLICA" };
  const sorted = [...unpaid].sort((a, b) => a.period.localeCompare(b.period));
  // Two consecutive unpaid periods suspend; a period the employer deducted and did not pay never counts
  // against the worker, so a run of them (or mixed in) suspends only through two consecutive others.
  let longest = 0;
  let run = 0;
  let unprotectedRun = 0;
  let suspension: SuspensionRule = "NO_APLICA";
  sorted.forEach((period, i) => {
    const continues = i > 0 && monthIndex(period.period) === monthIndex((sorted[i - 1] as { period: string }).period) + 1;
    run = continues ? run + 1 : 1;
    unprotectedRun = period.deductedNotPaid ? 0 : continues ? unprotectedRun + 1 : 1;
    longest = Math.max(longest, run);
    if (unprotectedRun >= 2) suspension = "APLICA";
    else if (run >= 2 && suspension === "NO_APLICA") suspension = "NO_APLICA_EMPLEADOR_DESCONTO";
  });
  return {
    standing: sorted.length ? "EN_MORA" : "AL_DIA",
    pazYSalvo: sorted.length === 0,
    since: sorted.length ? (sorted[0] as { dueDate: string }).dueDate : lastPaidOn,
    unpaidPeriods: sorted.map((period) => period.period),
    consecutiveUnpaid: longest,
    suspension,
  };
}

/** Many members' status in two commands whatever their number: their unpaid periods, and their last payment. */
export async function paymentStatuses(contributions: ContributionModel, memberIds: readonly string[]): Promise<Map<string, PaymentStatus>> {
  const ids = [...memberIds];
  const [unpaid, summaries] = await Promise.all([
    contributions.find({ memberId: { $in: ids }, state: ContributionState.NO_PAGADO }).select({ memberId: 1, period: 1, dueDate: 1, deductedNotPaid: 1 }).lean<ContributionDoc[]>().exec(),
    contributions.aggregate<{ _id: string; lastPaidOn: string | null }>([{ $match: { memberId: { $in: ids } } }, { $group: { _id: "$memberId", lastPaidOn: { $max: "$paidOn" } } }]).exec(),
  ]);
  const byMember = new Map<string, ContributionDoc[]>();
  for (const row of unpaid) byMember.set(row.memberId, [...(byMember.get(row.memberId) ?? []), row]);
  const last = new Map(summaries.map((summary) => [summary._id, summary.lastPaidOn]));
  return new Map(ids.map((id) => [id, paymentStatus(byMember.get(id) ?? [], last.get(id) ?? null, last.has(id))]));
}

import { badUserInput, todayInColombia } from "@sos/kit";
import { ContributionState, type ContributionDoc } from "../contribution/contribution.model.js";
import type { Context } from "../context.js";
import { InvoiceState, type ContractDoc, type InvoiceDoc } from "./pac.model.js";
import { ageDebts, withholdingYear, type AgingBucket, type WithholdingYear } from "./pac.rules.js";

// A member's accounts as the graph's fields and the certificates both tell them: one computation each.

const sum = (debts: readonly { amount: number }[]): number => debts.reduce((total, debt) => total + debt.amount, 0);

/** Estado de cuenta PAC: the contracts held or covering the member, and what they owe as holder. */
export interface PacStatementFigures {
  contracts: ContractDoc[];
  balanceDue: number;
  overdueAmount: number;
  nextDueDate: string | null;
  /** Oldest due first. */
  unpaidInvoices: InvoiceDoc[];
}

export async function pacStatementOf(ctx: Context, memberId: string, today = todayInColombia()): Promise<PacStatementFigures> {
  const [contracts, unpaid] = await Promise.all([ctx.loaders.contractsOf.load(memberId), ctx.loaders.unpaidInvoicesOf.load(memberId)]);
  const sorted = [...unpaid].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return {
    contracts,
    balanceDue: sum(sorted),
    overdueAmount: sum(sorted.filter((invoice) => invoice.dueDate < today)),
    nextDueDate: sorted.find((invoice) => invoice.dueDate >= today)?.dueDate ?? sorted[0]?.dueDate ?? null,
    unpaidInvoices: sorted,
  };
}

export interface ArrearsFigures {
  pbs: { bucket: AgingBucket; count: number; amount: number }[];
  pac: { bucket: AgingBucket; count: number; amount: number }[];
  total: number;
  /** The PBS periods past due and unpaid, oldest first. */
  pbsPeriods: string[];
}

/**
 * Cartera by age of the debt: PBS periods unpaid past their due date and PAC invoices owed past theirs.
 * `aportanteNit`: only the periods that aportante was to pay (an employer's view); `withPac: false`
 * leaves the PAC out (a viewer the PAC is not shown to).
 */
export async function arrearsOf(ctx: Context, memberId: string, options: { aportanteNit: string | null; withPac: boolean }, today = todayInColombia()): Promise<ArrearsFigures> {
  const [unpaidPeriods, unpaidInvoices] = await Promise.all([
    ctx.models.contributions
      .find({ memberId, state: ContributionState.NO_PAGADO, ...(options.aportanteNit && { aportanteNit: options.aportanteNit }) })
      .select({ period: 1, amount: 1, dueDate: 1 })
      .lean<Pick<ContributionDoc, "period" | "amount" | "dueDate">[]>()
      .exec(),
    options.withPac ? ctx.loaders.unpaidInvoicesOf.load(memberId) : Promise.resolve([]),
  ]);
  const pbs = ageDebts(unpaidPeriods, today);
  const pac = ageDebts(unpaidInvoices, today);
  const pbsPeriods = unpaidPeriods
    .filter((period) => period.dueDate < today)
    .map((period) => period.period)
    .sort();
  return { pbs, pac, total: sum(pbs) + sum(pac), pbsPeriods };
}

/** The first year a withholding figure is asked for. */
const FIRST_YEAR = 2000;

/**
 * The retención PAC figure of a year: the PAC invoices the member paid as holder that year (Colombian
 * time), each month's deductible part capped at 16 UVT. BAD_USER_INPUT on `year` for a year to come, or
 * one without legal figures (UVT).
 */
export async function pacWithholdingOf(ctx: Context, memberId: string, year: number, today = todayInColombia()): Promise<WithholdingYear> {
  const thisYear = Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > thisYear) throw badUserInput({ field: "year", message: `Indique un año entre ${FIRST_YEAR} y ${thisYear}.` });
  // Paid that year (Colombian time): a holder's invoices on their index, the year's range on paidAt.
  const paid = await ctx.models.invoices
    .find({ holderId: memberId, state: InvoiceState.PAGADA, paidAt: { $gte: new Date(`${year}-01-01T05:00:00Z`), $lt: new Date(`${year + 1}-01-01T05:00:00Z`) } })
    .select({ amount: 1, paidAt: 1 })
    .lean<Pick<InvoiceDoc, "amount" | "paidAt">[]>()
    .exec();
  try {
    return withholdingYear(year, paid.filter((invoice) => invoice.paidAt).map((invoice) => ({ amount: invoice.amount, paidOn: todayInColombia(invoice.paidAt as Date) })));
  } catch {
    throw badUserInput({ field: "year", message: `No hay cifras legales (UVT) registradas para ${year}.` });
  }
}

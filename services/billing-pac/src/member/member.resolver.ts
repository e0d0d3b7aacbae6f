import { MemberRelation, PageArgs, badUserInput, forbidden, selectsField, todayInColombia } from "@sos/kit";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Int, Resolver, Root } from "type-graphql";
import { CONTRIBUTIONS, PAC, authorize } from "../access.js";
import { PeriodRangeArgs } from "../contribution/contribution.input.js";
import { ContributionState } from "../contribution/contribution.model.js";
import { ContributionConnection, PbsPaymentStatus } from "../contribution/contribution.type.js";
import type { Context } from "../context.js";
import { InvoiceState, type InvoiceDoc } from "../pac/pac.model.js";
import { ageDebts, withholdingYear } from "../pac/pac.rules.js";
import { Arrears, PacContract, PacInvoiceConnection, PacStatement, PacWithholding } from "../pac/pac.type.js";
import { Member } from "./member.type.js";

const today = () => todayInColombia();

/** What billing adds to a member, each field batched per request so a list of members costs one command per field. */
@Resolver(() => Member)
export class MemberBillingResolver {
  @FieldResolver(() => ContributionConnection, { nullable: true, description: "Aportes a salud (PILA), el periodo más reciente primero. El empleador ve solo los que pagó" })
  async contributions(@Root() member: Member, @Args(() => PeriodRangeArgs) range: PeriodRangeArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const relation = await authorize(ctx, member.id, CONTRIBUTIONS);
    if (relation === MemberRelation.EMPLOYER && !ctx.viewer?.employerNit) throw forbidden();
    const aportanteNit = relation === MemberRelation.EMPLOYER ? (ctx.viewer?.employerNit as string) : null;
    return ctx.loaders
      .contributionsOfMember({ from: range.from ?? null, to: range.to ?? null, aportanteNit, page: { first: range.first, after: range.after }, withTotal: selectsField(info, "totalCount") })
      .load(member.id);
  }

  @FieldResolver(() => PbsPaymentStatus, { nullable: true, description: "Situación de aportes PBS: al día o en mora, paz y salvo y desde cuándo" })
  async pbsPaymentStatus(@Root() member: Member, @Ctx() ctx: Context) {
    await authorize(ctx, member.id, CONTRIBUTIONS, "PAYMENT_STATUS_READ");
    return ctx.loaders.paymentStatusOf.load(member.id);
  }

  @FieldResolver(() => [PacContract], { nullable: true, description: "Contratos PAC que el afiliado tiene o que lo cubren" })
  async pacContracts(@Root() member: Member, @Ctx() ctx: Context) {
    await authorize(ctx, member.id, PAC);
    return ctx.loaders.contractsOf.load(member.id);
  }

  @FieldResolver(() => PacInvoiceConnection, { nullable: true, description: "Facturas PAC de las que el afiliado es titular, la de vencimiento más reciente primero" })
  async pacInvoices(
    @Root() member: Member,
    @Arg("states", () => [InvoiceState], { nullable: true, description: "Solo estos estados" }) states: InvoiceState[] | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    await authorize(ctx, member.id, PAC);
    if (states && states.length > 4) throw badUserInput({ field: "states", message: "Indique a lo sumo 4 estados." });
    return ctx.loaders.invoicesOfHolder({ states, page: { first: page.first, after: page.after }, withTotal: selectsField(info, "totalCount") }).load(member.id);
  }

  @FieldResolver(() => PacStatement, { nullable: true, description: "Estado de cuenta PAC: contratos, saldo por pagar y lo vencido" })
  async pacStatement(@Root() member: Member, @Ctx() ctx: Context): Promise<PacStatement> {
    await authorize(ctx, member.id, PAC);
    const [contracts, unpaid] = await Promise.all([ctx.loaders.contractsOf.load(member.id), ctx.loaders.unpaidInvoicesOf.load(member.id)]);
    const sorted = [...unpaid].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
    const overdue = sorted.filter((invoice) => invoice.dueDate < today());
    return {
      contracts,
      balanceDue: sum(sorted),
      overdueAmount: sum(overdue),
      nextDueDate: sorted.find((invoice) => invoice.dueDate >= today())?.dueDate ?? sorted[0]?.dueDate ?? null,
      unpaidInvoices: sorted,
    };
  }

  @FieldResolver(() => Arrears, { nullable: true, description: "Cartera PBS y PAC por edad de la deuda (0-30, 31-60, 61-90, más de 90 días)" })
  async arrears(@Root() member: Member, @Ctx() ctx: Context): Promise<Arrears> {
    await authorize(ctx, member.id, PAC, "ARREARS_READ");
    const [unpaidPeriods, unpaidInvoices] = await Promise.all([
      ctx.models.contributions.find({ memberId: member.id, state: ContributionState.NO_PAGADO }).select({ amount: 1, dueDate: 1 }).lean<{ amount: number; dueDate: string }[]>().exec(),
      ctx.loaders.unpaidInvoicesOf.load(member.id),
    ]);
    const pbs = ageDebts(unpaidPeriods, today());
    const pac = ageDebts(unpaidInvoices, today());
    return { pbs, pac, total: [...pbs, ...pac].reduce((total, row) => total + row.amount, 0) };
  }

  @FieldResolver(() => PacWithholding, { nullable: true, description: "Pagos PAC del año que disminuyen la base de retención en la fuente (certificado de retención PAC)" })
  async pacWithholding(@Root() member: Member, @Arg("year", () => Int) year: number, @Ctx() ctx: Context): Promise<PacWithholding> {
    await authorize(ctx, member.id, PAC, "PAC_WITHHOLDING_READ");
    const thisYear = Number(today().slice(0, 4));
    if (!Number.isInteger(year) || year < 2000 || year > thisYear) throw badUserInput({ field: "year", message: `Indique un año entre 2000 y ${thisYear}.` });
    // Paid that year (Colombian time): a holder's invoices on their index, the year's range on paidAt.
    const paid = await ctx.models.invoices
      .find({ holderId: member.id, state: InvoiceState.PAGADA, paidAt: { $gte: new Date(`${year}-01-01T05:00:00Z`), $lt: new Date(`${year + 1}-01-01T05:00:00Z`) } })
      .select({ amount: 1, paidAt: 1 })
      .lean<Pick<InvoiceDoc, "amount" | "paidAt">[]>()
      .exec();
    try {
      return withholdingYear(year, paid.filter((invoice) => invoice.paidAt).map((invoice) => ({ amount: invoice.amount, paidOn: todayInColombia(invoice.paidAt as Date) })));
    } catch {
      throw badUserInput({ field: "year", message: `No hay cifras legales (UVT) registradas para ${year}.` });
    }
  }
}

const sum = (invoices: readonly { amount: number }[]): number => invoices.reduce((total, invoice) => total + invoice.amount, 0);

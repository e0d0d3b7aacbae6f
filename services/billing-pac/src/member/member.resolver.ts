import { MemberRelation, PageArgs, badUserInput, forbidden, selectsField } from "@sos/kit";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Int, Resolver, Root } from "type-graphql";
import { CONTRIBUTIONS, PAC, authorize } from "../access.js";
import { PeriodRangeArgs } from "../contribution/contribution.input.js";
import { ContributionConnection, PbsPaymentStatus } from "../contribution/contribution.type.js";
import type { Context } from "../context.js";
import { InvoiceState } from "../pac/pac.model.js";
import { arrearsOf, pacStatementOf, pacWithholdingOf } from "../pac/pac.accounts.js";
import { Arrears, PacContract, PacInvoiceConnection, PacStatement, PacWithholding } from "../pac/pac.type.js";
import { Member } from "./member.type.js";

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
    return pacStatementOf(ctx, member.id);
  }

  @FieldResolver(() => Arrears, { nullable: true, description: "Cartera PBS y PAC por edad de la deuda (0-30, 31-60, 61-90, más de 90 días)" })
  async arrears(@Root() member: Member, @Ctx() ctx: Context): Promise<Arrears> {
    await authorize(ctx, member.id, PAC, "ARREARS_READ");
    return arrearsOf(ctx, member.id, { aportanteNit: null, withPac: true });
  }

  @FieldResolver(() => PacWithholding, { nullable: true, description: "Pagos PAC del año que disminuyen la base de retención en la fuente (certificado de retención PAC)" })
  async pacWithholding(@Root() member: Member, @Arg("year", () => Int, { description: "Año gravable (de 2000 al año en curso)" }) year: number, @Ctx() ctx: Context): Promise<PacWithholding> {
    await authorize(ctx, member.id, PAC, "PAC_WITHHOLDING_READ");
    return pacWithholdingOf(ctx, member.id, year);
  }
}

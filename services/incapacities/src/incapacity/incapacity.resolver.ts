import { MemberRecordField, MemberRelation, PageArgs, findPage, forbidden, requirePurpose, requireRole, selectsField, suppressSmallCells } from "@sos/kit";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { Employer } from "../employer/employer.type.js";
import { Ips } from "../ips/ips.type.js";
import { Member } from "../member/member.type.js";
import type { SettlementPayer as Payer } from "../settlement/settlement.rules.js";
import { authorizedIncapacity } from "./incapacity.access.js";
import { IncapacityType, type IncapacityDoc } from "./incapacity.model.js";
import { dueAt, isOverdue } from "./incapacity.rules.js";
import { Incapacity, IncapacityConnection, IncapacityDiagnosis, IncapacityStatisticsCell, SettlementView, type PayerAmount, type SettlementPayer } from "./incapacity.type.js";

export const payerAmounts = (byPayer: Partial<Record<Payer, number>>): PayerAmount[] =>
  Object.entries(byPayer).map(([payer, amount]) => ({ payer: payer as SettlementPayer, amount: amount as number }));

@Resolver(() => Incapacity)
export class IncapacityResolver {
  @Query(() => Incapacity, { description: "Una incapacidad por su número (el afiliado, el empleador que la radicó, agentes)" })
  async incapacity(@Arg("number", () => ID, { description: "Número de radicado (INC-AAAA-NNNNNNN)" }) number: string, @Ctx() ctx: Context): Promise<IncapacityDoc> {
    return authorizedIncapacity(ctx, await ctx.loaders.incapacityByNumber.load(number));
  }

  @Query(() => IncapacityConnection, { description: "Cola de los agentes: trámites con plazo (revisión o pago), el más urgente primero" })
  async incapacityQueue(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("overdueOnly", () => Boolean, { defaultValue: false, description: "Solo los vencidos" }) overdueOnly: boolean,
    @Arg("withinDays", () => Int, { nullable: true, description: "Los que vencen en los próximos N días (y los vencidos)" }) withinDays: number | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    requireRole(ctx.viewer, "AGENT");
    requirePurpose(ctx);
    const until = overdueOnly ? new Date() : withinDays != null ? new Date(Date.now() + Math.max(0, Math.min(withinDays, 60)) * 86_400_000) : null;
    const filter = { queueKey: until ? { $gt: "", $lt: until.toISOString() } : { $gt: "" } };
    const result = await findPage<IncapacityDoc>({ model: ctx.models.incapacities, filter, sortField: "queueKey", args: page, withTotal: selectsField(info, "totalCount") });
    for (const node of result.nodes) await authorizedIncapacity(ctx, node);
    return result;
  }

  @Query(() => [IncapacityStatisticsCell], { description: "Personas y días de incapacidad por tipo en un año (analistas; celdas de menos de 5 personas suprimidas, conteos redondeados a 5)" })
  async incapacityStatistics(@Arg("year", () => Int, { description: "Año (por la fecha de inicio de cada incapacidad)" }) year: number, @Ctx() ctx: Context): Promise<IncapacityStatisticsCell[]> {
    requireRole(ctx.viewer, "ANALYST", "AGENT");
    // People per type: grouped by (type, member) first, so no list of members leaves the database.
    const rows = await ctx.models.incapacities
      .aggregate<{ _id: IncapacityType; people: number; days: number }>([
        { $match: { sortKey: { $gte: `${year}-01-01`, $lt: `${year + 1}-01-01` } } },
        { $group: { _id: { type: "$type", member: "$memberId" }, days: { $sum: "$days" } } },
        { $group: { _id: "$_id.type", people: { $sum: 1 }, days: { $sum: "$days" } } },
      ])
      .exec();
    const cells = Object.values(IncapacityType).map((type) => {
      const row = rows.find((candidate) => candidate._id === type);
      return { type, count: row?.people ?? 0, days: row?.days ?? 0 };
    });
    const published = suppressSmallCells(cells).cells;
    return cells.map((cell) => {
      const shown = published.find((candidate) => candidate.type === cell.type);
      return shown ? { type: cell.type, count: shown.count, days: cell.days } : { type: cell.type, count: null, days: null };
    });
  }

  @FieldResolver(() => Member, { description: "Afiliado" })
  member(@Root() incapacity: IncapacityDoc): Member {
    return { id: incapacity.memberId };
  }

  @FieldResolver(() => Employer, { nullable: true, description: "Aportante que radicó o paga la incapacidad (empleador del cotizante dependiente); vacío para un independiente" })
  aportante(@Root() incapacity: IncapacityDoc): Employer | null {
    return incapacity.employerNit ? { nit: incapacity.employerNit } : null;
  }

  @FieldResolver(() => Ips, { nullable: true, description: "IPS que expidió el certificado (no la ve el empleador: puede revelar el diagnóstico)" })
  @MemberRecordField([MemberRelation.SELF, MemberRelation.AGENT])
  issuingIps(@Root() incapacity: IncapacityDoc): Ips {
    return { habilitationCode: incapacity.ipsCode };
  }

  @FieldResolver(() => IncapacityDiagnosis, { nullable: true, description: "Diagnóstico (dato sensible: el empleador no lo ve; cada lectura queda registrada)" })
  async diagnosis(@Root() incapacity: IncapacityDoc, @Ctx() ctx: Context): Promise<IncapacityDiagnosis> {
    const relations = await ctx.memberAccess.load(incapacity.memberId);
    if (!relations.includes(MemberRelation.SELF) && !relations.includes(MemberRelation.AGENT)) throw forbidden("El diagnóstico solo lo ven el afiliado y la EPS.");
    ctx.audit.record("INCAPACITY_DIAGNOSIS_READ", incapacity.memberId);
    return incapacity.diagnosis;
  }

  @FieldResolver(() => SettlementView, { nullable: true, description: "Liquidación: quién paga cada día y cuánto (vacía hasta liquidarla)" })
  settlement(@Root() incapacity: IncapacityDoc): SettlementView | null {
    const settled = incapacity.settlement;
    // The rules' payer names are the enum's values: the stored settlement is its view.
    return settled ? ({ ...settled, byPayer: payerAmounts(settled.byPayer) } as unknown as SettlementView) : null;
  }

  @FieldResolver(() => Date, { nullable: true, description: "El plazo que corre ahora para la EPS (revisión o pago)" })
  dueAt(@Root() incapacity: IncapacityDoc): Date | null {
    return dueAt(incapacity);
  }

  @FieldResolver(() => Boolean, { description: "La EPS no cumplió el plazo que corre" })
  overdue(@Root() incapacity: IncapacityDoc): boolean {
    return isOverdue(incapacity);
  }
}

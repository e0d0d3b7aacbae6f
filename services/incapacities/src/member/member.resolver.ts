import { IsCalendarDate, MemberRelation, PageArgs, authorizeMemberRecord, badUserInput, selectsField, todayInColombia } from "@sos/kit";
import { IsEnum, IsOptional } from "class-validator";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Info, Int, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { INCAPACITY_POLICY } from "../incapacity/incapacity.access.js";
import { ClaimState, IncapacityType, type IncapacityDoc } from "../incapacity/incapacity.model.js";
import { payerAmounts } from "../incapacity/incapacity.resolver.js";
import { IncapacityConnection, IncapacityYear } from "../incapacity/incapacity.type.js";
import type { SettlementPayer } from "../settlement/settlement.rules.js";
import { Member } from "./member.type.js";

@ArgsType()
export class IncapacityListArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: "Que empiecen desde (AAAA-MM-DD)" })
  @IsOptional()
  @IsCalendarDate({ message: "La fecha inicial debe existir y tener el formato AAAA-MM-DD." })
  from?: string;

  @Field(() => String, { nullable: true, description: "Que empiecen hasta (AAAA-MM-DD)" })
  @IsOptional()
  @IsCalendarDate({ message: "La fecha final debe existir y tener el formato AAAA-MM-DD." })
  to?: string;

  @Field(() => [IncapacityType], { nullable: true, description: "Solo estos tipos" })
  @IsOptional()
  @IsEnum(IncapacityType, { each: true, message: "El tipo de incapacidad no es válido." })
  types?: IncapacityType[];
}

@Resolver(() => Member)
export class MemberIncapacitiesResolver {
  @FieldResolver(() => IncapacityConnection, { nullable: true, description: "Incapacidades y licencias del afiliado, la más reciente primero (el afiliado, su empleador las que radicó, agentes)" })
  async incapacities(@Root() member: Member, @Args(() => IncapacityListArgs) args: IncapacityListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const relation = await authorizeMemberRecord(ctx, member.id, INCAPACITY_POLICY);
    const employerNit = relation === MemberRelation.EMPLOYER ? (ctx.viewer?.employerNit ?? "-") : null;
    const result = await ctx.loaders
      .incapacitiesOfMember({ from: args.from ?? null, to: args.to ?? null, types: args.types ?? null, employerNit, page: { first: args.first, after: args.after }, withTotal: selectsField(info, "totalCount") })
      .load(member.id);
    for (const node of result.nodes) ctx.loaders.incapacityByNumber.prime(node._id, node);
    return result;
  }

  @FieldResolver(() => IncapacityYear, { nullable: true, description: "Totales de un año: días por tipo y valores liquidados por pagador" })
  async incapacityYear(@Root() member: Member, @Arg("year", () => Int, { description: "Año (de 2000 al año en curso), por la fecha de inicio de cada incapacidad" }) year: number, @Ctx() ctx: Context): Promise<IncapacityYear> {
    await authorizeMemberRecord(ctx, member.id, { ...INCAPACITY_POLICY, allowed: [MemberRelation.SELF, MemberRelation.AGENT], action: "INCAPACITY_TOTALS_READ" });
    const thisYear = Number(todayInColombia().slice(0, 4));
    if (!Number.isInteger(year) || year < 2000 || year > thisYear) throw badUserInput({ field: "year", message: `Indique un año entre 2000 y ${thisYear}.` });
    const rows = await ctx.models.incapacities
      .find({ memberId: member.id, sortKey: { $gte: `${year}-01-01`, $lt: `${year + 1}-01-01` } })
      .select({ type: 1, days: 1, settlement: 1, state: 1 })
      .lean<Pick<IncapacityDoc, "type" | "days" | "settlement" | "state">[]>()
      .exec();
    // Denied certificates are not incapacity days the member had recognised.
    const counted = rows.filter((row) => row.state !== ClaimState.NEGADA);
    const byType = Object.values(IncapacityType).map((type) => ({ type, days: counted.filter((row) => row.type === type).reduce((sum, row) => sum + row.days, 0) })).filter((row) => row.days > 0);
    const byPayer: Partial<Record<SettlementPayer, number>> = {};
    for (const row of rows) {
      if (!row.settlement || row.state === ClaimState.NEGADA) continue;
      for (const [payer, amount] of Object.entries(row.settlement.byPayer)) byPayer[payer as SettlementPayer] = (byPayer[payer as SettlementPayer] ?? 0) + (amount as number);
    }
    return { year, days: counted.reduce((sum, row) => sum + row.days, 0), byType, byPayer: payerAmounts(byPayer) };
  }
}

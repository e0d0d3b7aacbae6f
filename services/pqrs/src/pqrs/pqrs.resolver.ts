import { addDays } from "@sos/kit/seed";
import { PageArgs, findPage, requirePurpose, requireRole, selectsField, suppressSmallCells } from "@sos/kit";
import { IsOptional, Matches } from "class-validator";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { Ips } from "../ips/ips.type.js";
import { Member } from "../member/member.type.js";
import { authorizedPqrs } from "./pqrs.access.js";
import type { PqrsDoc } from "./pqrs.model.js";
import { isOverdue } from "./pqrs.rules.js";
import { Pqrs, PqrsConnection, PqrsForIpsConnection, PqrsStatistics } from "./pqrs.type.js";

@ArgsType()
class PeriodArgs {
  @Field(() => String, { description: "Radicadas desde (AAAA-MM-DD)" })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: "La fecha inicial debe tener el formato AAAA-MM-DD." })
  from!: string;

  @Field(() => String, { nullable: true, description: "Radicadas hasta (AAAA-MM-DD, inclusive)" })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: "La fecha final debe tener el formato AAAA-MM-DD." })
  to?: string;
}

@Resolver(() => Pqrs)
export class PqrsResolver {
  @Query(() => Pqrs, { description: "Una PQRS por su número (quien la presentó, agentes)" })
  async pqrs(@Arg("number", () => ID) number: string, @Ctx() ctx: Context): Promise<PqrsDoc> {
    return authorizedPqrs(ctx, await ctx.loaders.pqrsByNumber.load(number));
  }

  @Query(() => PqrsConnection, { description: "Cola de los agentes: PQRS sin respuesta, el vencimiento más cercano primero; vencidas, o que vencen en las próximas N horas" })
  async pqrsQueue(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("overdueOnly", () => Boolean, { defaultValue: false }) overdueOnly: boolean,
    @Arg("dueWithinHours", () => Int, { nullable: true, description: "Las que vencen en las próximas N horas (y las vencidas); hasta 720" }) dueWithinHours: number | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    requireRole(ctx.viewer, "AGENT");
    requirePurpose(ctx);
    const until = overdueOnly ? new Date() : dueWithinHours != null ? new Date(Date.now() + Math.max(0, Math.min(dueWithinHours, 720)) * 3_600_000) : null;
    const filter = { queueKey: until ? { $gt: "", $lt: until.toISOString() } : { $gt: "" } };
    const result = await findPage<PqrsDoc>({ model: ctx.models.pqrs, filter, sortField: "queueKey", args: page, withTotal: selectsField(info, "totalCount") });
    for (const node of result.nodes) await authorizedPqrs(ctx, node);
    return result;
  }

  @Query(() => PqrsForIpsConnection, { description: "PQRS que se refieren a la IPS que consulta, sin la identidad de quien las presentó" })
  async ipsPqrs(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const viewer = requireRole(ctx.viewer, "IPS");
    // The type itself has no member, contact or attachments: nothing here can name who complained.
    return findPage<PqrsDoc>({ model: ctx.models.pqrs, filter: { ipsCode: viewer.ipsCode }, sortField: "sortKey", direction: -1, args: page, withTotal: selectsField(info, "totalCount") });
  }

  @Query(() => PqrsStatistics, { description: "Conteos de PQRS radicadas en un periodo por tipo, estado, municipio e IPS (analistas; celdas de menos de 5 suprimidas, conteos redondeados a 5)" })
  async pqrsStatistics(@Args(() => PeriodArgs) period: PeriodArgs, @Ctx() ctx: Context): Promise<PqrsStatistics> {
    requireRole(ctx.viewer, "ANALYST", "AGENT");
    // Colombian days as ranges of the "<filedAt ISO>:<number>" key: day D begins at 05:00 UTC.
    const match = { sortKey: { $gte: `${period.from}T05:00:00.000Z`, ...(period.to && { $lt: `${addDays(period.to, 1)}T05:00:00.000Z` }) } };
    const [facets] = await ctx.models.pqrs
      .aggregate<Record<"byType" | "byState" | "byMunicipality" | "byIps", { _id: string | null; count: number }[]>>([
        { $match: match },
        {
          $facet: {
            byType: [{ $group: { _id: "$type", count: { $sum: 1 } } }],
            byState: [{ $group: { _id: "$state", count: { $sum: 1 } } }],
            byMunicipality: [{ $group: { _id: "$municipalityCode", count: { $sum: 1 } } }],
            byIps: [{ $match: { ipsCode: { $type: "string" } } }, { $group: { _id: "$ipsCode", count: { $sum: 1 } } }],
          },
        },
      ])
      .exec();
    let suppressedCells = 0;
    const publish = (rows: { _id: string | null; count: number }[] = []) => {
      const result = suppressSmallCells(rows.map((row) => ({ key: row._id ?? "SIN_DATO", count: row.count })));
      suppressedCells += result.suppressedCells;
      return result.cells.sort((a, b) => a.key.localeCompare(b.key));
    };
    return { byType: publish(facets?.byType), byState: publish(facets?.byState), byMunicipality: publish(facets?.byMunicipality), byIps: publish(facets?.byIps), suppressedCells };
  }

  @FieldResolver(() => Member, { nullable: true, description: "Afiliado que la presentó (vacío si es anónima)" })
  member(@Root() pqrs: PqrsDoc): Member | null {
    return pqrs.memberId ? { id: pqrs.memberId } : null;
  }

  @FieldResolver(() => Ips, { nullable: true, description: "IPS a la que se refiere" })
  ips(@Root() pqrs: PqrsDoc): Ips | null {
    return pqrs.ipsCode ? { habilitationCode: pqrs.ipsCode } : null;
  }

  @FieldResolver(() => Boolean, { description: "Sin respuesta y con el plazo vencido" })
  overdue(@Root() pqrs: PqrsDoc): boolean {
    return isOverdue(pqrs.state, pqrs.dueAt);
  }
}

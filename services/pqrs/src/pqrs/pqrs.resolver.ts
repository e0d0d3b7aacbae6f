import { PageArgs, badUserInput, findPage, requirePurpose, requireRole, selectsField, suppressSmallCells, todayInColombia } from "@sos/kit";
import { IsOptional, Matches } from "class-validator";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { Ips } from "../ips/ips.type.js";
import { Member } from "../member/member.type.js";
import { authorizedPqrs } from "./pqrs.access.js";
import type { PqrsDoc } from "./pqrs.model.js";
import { OPEN, isOverdue } from "./pqrs.rules.js";
import { Pqrs, PqrsConnection, PqrsForIpsConnection, PqrsStatistics } from "./pqrs.type.js";

/** Whole months only: a window moved a day at a time would undo the rounding of the counts. */
@ArgsType()
class PeriodArgs {
  @Field(() => String, { description: "Desde el mes (AAAA-MM, inclusive)" })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "El mes inicial debe tener el formato AAAA-MM." })
  from!: string;

  @Field(() => String, { nullable: true, description: "Hasta el mes (AAAA-MM, inclusive; el mismo si se omite)" })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "El mes final debe tener el formato AAAA-MM." })
  to?: string;
}

@Resolver(() => Pqrs)
export class PqrsResolver {
  @Query(() => Pqrs, { description: "Una PQRS por su número (quien la presentó, agentes)" })
  async pqrs(@Arg("number", () => ID, { description: "Número de radicado (PQRS-AAAA-NNNNNNN)" }) number: string, @Ctx() ctx: Context): Promise<PqrsDoc> {
    return authorizedPqrs(ctx, await ctx.loaders.pqrsByNumber.load(number));
  }

  @Query(() => PqrsConnection, { description: "Cola de los agentes: PQRS sin respuesta, el vencimiento más cercano primero; vencidas, o que vencen en las próximas N horas" })
  async pqrsQueue(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("overdueOnly", () => Boolean, { defaultValue: false, description: "Solo las vencidas" }) overdueOnly: boolean,
    @Arg("dueWithinHours", () => Int, { nullable: true, description: "Las que vencen en las próximas N horas (y las vencidas); hasta 720" }) dueWithinHours: number | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    requireRole(ctx.viewer, "AGENT");
    requirePurpose(ctx);
    if (dueWithinHours != null && (dueWithinHours < 1 || dueWithinHours > 720)) throw badUserInput({ field: "dueWithinHours", message: "Indique de 1 a 720 horas." });
    const until = overdueOnly ? new Date() : dueWithinHours != null ? new Date(Date.now() + dueWithinHours * 3_600_000) : null;
    const filter = { queueKey: until ? { $gt: "", $lt: until.toISOString() } : { $gt: "" } };
    const result = await findPage<PqrsDoc>({ model: ctx.models.pqrs, filter, sortField: "queueKey", args: page, withTotal: selectsField(info, "totalCount") });
    for (const node of result.nodes) await authorizedPqrs(ctx, node);
    return result;
  }

  @Query(() => PqrsForIpsConnection, { description: "PQRS que se refieren a la IPS que consulta, sin la identidad de quien las presentó" })
  async ipsPqrs(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const viewer = requireRole(ctx.viewer, "IPS");
    // Only what an agent released, as its summary: the type has no member, contact, text or time of filing.
    const result = await findPage<PqrsDoc>({ model: ctx.models.pqrs, filter: { ipsFeedKey: viewer.ipsCode }, sortField: "sortKey", direction: -1, args: page, withTotal: selectsField(info, "totalCount") });
    for (const node of result.nodes) ctx.audit.record("PQRS_IPS_READ", node.memberId ?? `pqrs:${node._id}`);
    return { ...result, nodes: result.nodes.map(forIps), edges: result.edges.map((edge) => ({ ...edge, node: forIps(edge.node) })) };
  }

  @Query(() => PqrsStatistics, { description: "Conteos de PQRS radicadas en un periodo por tipo, estado, municipio e IPS (analistas; celdas de menos de 5 suprimidas, conteos redondeados a 5)" })
  async pqrsStatistics(@Args(() => PeriodArgs) period: PeriodArgs, @Ctx() ctx: Context): Promise<PqrsStatistics> {
    requireRole(ctx.viewer, "ANALYST", "AGENT");
    const to = period.to ?? period.from;
    if (to < period.from) throw badUserInput({ field: "to", message: "El mes final no puede ser anterior al inicial." });
    // Colombian months as ranges of the "<filedAt ISO>:<number>" key: day D begins at 05:00 UTC.
    const match = { sortKey: { $gte: `${period.from}-01T05:00:00.000Z`, $lt: `${nextMonth(to)}-01T05:00:00.000Z` } };
    const [facets] = await ctx.models.pqrs
      .aggregate<Record<"byType" | "byState" | "byMunicipality" | "byIps" | "overdue", { _id: string | null; count: number }[]>>([
        { $match: match },
        {
          $facet: {
            byType: people("$type"),
            byState: people("$state"),
            byMunicipality: people("$municipalityCode"),
            byIps: [{ $match: { ipsCode: { $type: "string" } } }, ...people("$ipsCode")],
            // Still owed an answer and past the legal deadline now (isOverdue), by type.
            overdue: [{ $match: { state: { $in: [...OPEN] }, dueAt: { $lt: new Date() } } }, ...people("$type")],
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
    return {
      byType: publish(facets?.byType),
      byState: publish(facets?.byState),
      byMunicipality: publish(facets?.byMunicipality),
      byIps: publish(facets?.byIps),
      overdue: publish(facets?.overdue),
      suppressedCells,
    };
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

/** A cell counts people, not filings: distinct filers (the member, or an anonymous filer's contact) per value. */
const people = (field: string) => [
  { $group: { _id: { value: field, filer: { $ifNull: ["$memberId", { $ifNull: ["$contact.email", "$contact.mobile"] }] } } } },
  { $group: { _id: "$_id.value", count: { $sum: 1 } } },
];

const nextMonth = (month: string): string => {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, "0")}`;
};

const forIps = (pqrs: PqrsDoc) => ({ _id: pqrs._id, type: pqrs.type, summaryForIps: pqrs.summaryForIps ?? "", state: pqrs.state, filedOn: todayInColombia(pqrs.filedAt) });

import { requireRole, suppressSmallCells } from "@sos/kit";
import type { PipelineStage } from "mongoose";
import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { type AffiliationCell, AffiliationStatistics, AffiliationStatisticsInput, DIMENSION_FIELDS } from "./statistics.type.js";

@Resolver()
export class StatisticsResolver {
  @Query(() => AffiliationStatistics, {
    description: "Afiliados agrupados por régimen, estado, tipo, sexo o lugar (analistas y agentes). Solo agregados: sin datos de personas.",
  })
  async affiliationStatistics(
    @Arg("input", () => AffiliationStatisticsInput, { description: "Por qué dimensiones agrupar y qué filtrar" }) input: AffiliationStatisticsInput,
    @Ctx() ctx: Context,
  ): Promise<AffiliationStatistics> {
    requireRole(ctx.viewer, "ANALYST", "AGENT");
    const dimensions = [...new Set(input.groupBy)];
    const match: Record<string, string> = {};
    if (input.regime) match["regime"] = input.regime;
    if (input.municipalityCode) match["municipalityCode"] = input.municipalityCode;
    const key: Record<string, unknown> = {};
    for (const dimension of dimensions) {
      const field = DIMENSION_FIELDS[dimension];
      key[field] = field === "departmentCode" ? { $substrBytes: ["$municipalityCode", 0, 2] } : `$${field}`;
    }
    const pipeline: PipelineStage[] = [
      ...(Object.keys(match).length ? [{ $match: match }] : []),
      { $group: { _id: key, count: { $sum: 1 } } },
    ];
    const groups = await ctx.models.members.aggregate<{ _id: Record<string, string | null>; count: number }>(pipeline).exec();
    const cells: AffiliationCell[] = groups
      .map((group) => ({ ...group._id, count: group.count }))
      .sort((a, b) => b.count - a.count);
    return suppressSmallCells(cells);
  }
}

import { forbidden, findPage, recordAccess, requireAgentPurpose, requireRole, selectsField } from "@sos/kit";
import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import { PeriodRangeArgs } from "../contribution/contribution.input.js";
import { periodRange } from "../contribution/contribution.loader.js";
import type { ContributionDoc } from "../contribution/contribution.model.js";
import { ContributionConnection } from "../contribution/contribution.type.js";
import type { Context } from "../context.js";
import { Employer } from "./employer.type.js";

@Resolver(() => Employer)
export class EmployerContributionsResolver {
  @FieldResolver(() => ContributionConnection, { nullable: true, description: "Aportes que este empleador pagó por sus trabajadores, el periodo más reciente primero (el propio empleador o agentes)" })
  async contributions(@Root() employer: Employer, @Args(() => PeriodRangeArgs) range: PeriodRangeArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const viewer = requireRole(ctx.viewer, "EMPLOYER", "AGENT");
    if (viewer.role === "EMPLOYER" && viewer.employerNit !== employer.nit) throw forbidden("Solo puede consultar los aportes que su empresa pagó.");
    requireAgentPurpose(ctx);
    const page = await findPage<ContributionDoc>({
      model: ctx.models.contributions,
      filter: { aportanteNit: employer.nit, ...periodRange(range.from ?? null, range.to ?? null) },
      sortField: "sortKey",
      direction: -1,
      args: range,
      withTotal: selectsField(info, "totalCount"),
    });
    // The employer's (or an agent's) read of each worker's contributions: another person's data, recorded.
    for (const row of page.nodes) recordAccess(ctx, "CONTRIBUTIONS_READ", row.memberId);
    return page;
  }
}

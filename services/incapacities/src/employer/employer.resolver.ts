import { PageArgs, Pesos, findPage, forbidden, recordAccess, requireAgentPurpose, requireRole, selectsField } from "@sos/kit";
import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { ClaimState, type IncapacityDoc } from "../incapacity/incapacity.model.js";
import { IncapacityConnection } from "../incapacity/incapacity.type.js";
import { Employer } from "./employer.type.js";

/** The employer itself or an agent: its dependents' claims, never their diagnoses (a field guard). */
function ownEmployer(ctx: Context, employer: Employer): void {
  const viewer = requireRole(ctx.viewer, "EMPLOYER", "AGENT");
  if (viewer.role === "EMPLOYER" && viewer.employerNit !== employer.nit) throw forbidden("Solo puede consultar las incapacidades que su empresa radicó.");
  requireAgentPurpose(ctx);
}

@Resolver(() => Employer)
export class EmployerIncapacitiesResolver {
  @FieldResolver(() => IncapacityConnection, { nullable: true, description: "Incapacidades que este empleador radicó por sus trabajadores, la más reciente primero" })
  async incapacities(@Root() employer: Employer, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    ownEmployer(ctx, employer);
    const result = await findPage<IncapacityDoc>({ model: ctx.models.incapacities, filter: { employerNit: employer.nit }, sortField: "sortKey", direction: -1, args: page, withTotal: selectsField(info, "totalCount") });
    // The employer's (or an agent's) read of each worker's incapacity: recorded.
    for (const node of result.nodes) recordAccess(ctx, "INCAPACITY_READ", node.memberId);
    return result;
  }

  @FieldResolver(() => Pesos, { nullable: true, description: "Lo que la EPS (y el fondo de pensiones) debe al empleador por incapacidades liquidadas y aún no pagadas" })
  async incapacityBalance(@Root() employer: Employer, @Ctx() ctx: Context): Promise<number> {
    ownEmployer(ctx, employer);
    const rows = await ctx.models.incapacities
      .aggregate<{ total: number }>([
        { $match: { employerNit: employer.nit, state: ClaimState.LIQUIDADA } },
        { $group: { _id: null, total: { $sum: { $add: [{ $ifNull: ["$settlement.byPayer.EPS", 0] }, { $ifNull: ["$settlement.byPayer.AFP", 0] }] } } } },
      ])
      .exec();
    return rows[0]?.total ?? 0;
  }
}

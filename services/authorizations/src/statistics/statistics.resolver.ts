import { requireRole, suppressSmallCells, todayInColombia } from "@sos/kit";
import { Args, Ctx, Query, Resolver } from "type-graphql";
import { AuthorizationState } from "../authorization/authorization.enums.js";
import type { Context } from "../context.js";
import { AuthorizationStatistics, AuthorizationStatisticsArgs, type AuthorizationStatisticsCell } from "./statistics.type.js";

/** Day D in Colombia (UTC-5, no daylight saving) begins at 05:00 UTC: the sortKey ("<filedAt ISO>:<number>") of its first filing. */
const colombianMonthStart = (month: string): string => `${month}-01T05:00:00.000Z`;

/** The months of `year` that have begun (Colombian calendar): all twelve of a past year, none of a future one. */
export function monthsSoFar(year: number, today: string = todayInColombia()): string[] {
  const current = today.slice(0, 7);
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`).filter((month) => month <= current);
}

@Resolver()
export class AuthorizationStatisticsResolver {
  @Query(() => AuthorizationStatistics, {
    description:
      "Solicitudes de autorización de servicios radicadas en un año, por mes de radicación y estado actual (analistas y agentes). Cuenta personas, no solicitudes; celdas de menos de 5 personas suprimidas, conteos redondeados a 5",
  })
  async authorizationStatistics(@Args(() => AuthorizationStatisticsArgs) { year }: AuthorizationStatisticsArgs, @Ctx() ctx: Context): Promise<AuthorizationStatistics> {
    requireRole(ctx.viewer, "ANALYST", "AGENT");
    // One aggregation over the year's range of the { sortKey: 1 } index. People per (month, state): grouped
    // by (month, state, member) first, so no list of members ever leaves the database.
    const rows = await ctx.models.authorizations
      .aggregate<{ _id: { month: string; state: AuthorizationState }; count: number }>([
        { $match: { sortKey: { $gte: colombianMonthStart(`${year}-01`), $lt: colombianMonthStart(`${year + 1}-01`) } } },
        { $group: { _id: { month: { $dateToString: { format: "%Y-%m", date: "$filedAt", timezone: "-05:00" } }, state: "$state", member: "$memberId" } } },
        { $group: { _id: { month: "$_id.month", state: "$_id.state" }, count: { $sum: 1 } } },
      ])
      .exec();
    const counted = new Map(rows.map((row) => [`${row._id.month}|${row._id.state}`, row.count]));
    // Every month begun × every state, an empty cell like a small one: which cells are empty is not told.
    const cells = monthsSoFar(year).flatMap((month) => Object.values(AuthorizationState).map((state) => ({ month, state, count: counted.get(`${month}|${state}`) ?? 0 })));
    const { cells: published } = suppressSmallCells(cells);
    const shown = new Map(published.map((cell) => [`${cell.month}|${cell.state}`, cell.count]));
    return {
      cells: cells.map((cell): AuthorizationStatisticsCell => ({ month: cell.month, state: cell.state, count: shown.get(`${cell.month}|${cell.state}`) ?? null })),
      // Withheld cells that hold someone (1 to 4 people), as pqrsStatistics counts them; empty ones are not.
      suppressedCells: cells.filter((cell) => cell.count > 0 && !shown.has(`${cell.month}|${cell.state}`)).length,
    };
  }
}

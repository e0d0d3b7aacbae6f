import { AppError, ErrorCode } from "@sos/kit";
import { addDays } from "@sos/kit/seed";
import type { Context } from "../context.js";

/**
 * The contribution record a settlement needs, asked of the billing subgraph — the one source of truth
 * for contributions — through its federated Member entity, with the agent's own token, at the moment of
 * settling (no copy to drift). When billing cannot answer, the settlement is not made: UNAVAILABLE.
 */
export interface ContributionRecord {
  /** The IBC of the last period paid before the incapacity began (0: none). */
  ibc: number;
  /** Weeks contributed in the twelve months before it began. */
  contributedWeeks: number;
  /** Days contributed within [from, before): the pregnancy, for a maternity licence. */
  contributedDaysSince(from: string): number;
}

const QUERY = `query Contributions($representations: [_Any!]!, $to: String) {
  _entities(representations: $representations) { ... on Member { contributions(to: $to, first: 24) { nodes { period ibc days state } } } }
}`;

interface Period {
  period: string;
  ibc: number;
  days: number;
  state: string;
}

const periodBefore = (date: string): string => addDays(`${date.slice(0, 7)}-01`, -1).slice(0, 7);

export async function contributionRecord(ctx: Context, memberId: string, startDate: string): Promise<ContributionRecord> {
  const data = await ctx.peers.query<{ _entities: ({ contributions: { nodes: Period[] } | null } | null)[] }>("billing-pac", QUERY, {
    representations: [{ __typename: "Member", id: memberId }],
    to: periodBefore(startDate),
  });
  const nodes = data._entities[0]?.contributions?.nodes;
  if (!nodes) throw new AppError(ErrorCode.UNAVAILABLE, "No fue posible consultar los aportes del afiliado para liquidar la incapacidad. Intente de nuevo en unos minutos.");
  const paid = nodes.filter((period) => period.state !== "NO_PAGADO");
  const yearAgo = addDays(startDate, -365).slice(0, 7);
  return {
    ibc: paid[0]?.ibc ?? 0,
    contributedWeeks: Math.floor(paid.filter((period) => period.period >= yearAgo).reduce((sum, period) => sum + period.days, 0) / 7),
    contributedDaysSince: (from) => paid.filter((period) => period.period >= from.slice(0, 7)).reduce((sum, period) => sum + period.days, 0),
  };
}

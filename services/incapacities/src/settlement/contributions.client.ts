import { AppError, ErrorCode, conflict } from "@sos/kit";
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
  /** Days contributed within [from, to): each paid period's days in proportion to its overlap (the pregnancy). */
  contributedDaysBetween(from: string, to: string): number;
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
const DAY_MS = 86_400_000;
const dayOf = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

export async function contributionRecord(ctx: Context, memberId: string, startDate: string): Promise<ContributionRecord> {
  const data = await ctx.peers.query<{ _entities: ({ contributions: { nodes: Period[] } | null } | null)[] }>("billing-pac", QUERY, {
    representations: [{ __typename: "Member", id: memberId }],
    // Up to the start's own month: a pregnancy's last days fall in it.
    to: startDate.slice(0, 7),
  });
  const nodes = data._entities[0]?.contributions?.nodes;
  if (!nodes) throw new AppError(ErrorCode.UNAVAILABLE, "No fue posible consultar los aportes del afiliado para liquidar la incapacidad. Intente de nuevo en unos minutos.");
  const paid = nodes.filter((period) => period.state !== "NO_PAGADO");
  const before = periodBefore(startDate);
  const base = paid.find((period) => period.period <= before);
  // No paid period before the start: nothing to compute a benefit on. Refused, never settled at $0.
  if (!base) throw conflict("El afiliado no tiene aportes pagados antes del inicio de la incapacidad: no se puede liquidar. Revise sus aportes con el área de recaudo.");
  // The twelve monthly periods before the start's month: from the same month a year earlier. (The month of
  // the day 365 days earlier skipped one period when a 29 February fell in between and the start was a
  // month's last day: 2024-12-31 counted 2024-01 to 2024-11, eleven.)
  const yearAgo = `${Number(startDate.slice(0, 4)) - 1}${startDate.slice(4, 7)}`;
  return {
    ibc: base.ibc,
    contributedWeeks: Math.floor(paid.filter((period) => period.period >= yearAgo && period.period <= before).reduce((sum, period) => sum + period.days, 0) / 7),
    contributedDaysBetween(from, to) {
      let days = 0;
      for (const period of paid) {
        const monthStart = dayOf(`${period.period}-01`);
        const monthEnd = dayOf(addDays(`${period.period}-28`, 4).slice(0, 7) + "-01");
        const overlap = Math.max(0, Math.min(monthEnd, dayOf(to)) - Math.max(monthStart, dayOf(from)));
        days += (period.days * overlap) / (monthEnd - monthStart);
      }
      return Math.round(days);
    },
  };
}

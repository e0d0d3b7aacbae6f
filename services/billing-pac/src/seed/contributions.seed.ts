import { YEARLY_FIGURES, addBusinessDays, figuresForYear } from "@sos/kit";
import { addDays, type Random } from "@sos/kit/seed";
import { PERSONA_IDS, type SyntheticEmployer, type SyntheticMember } from "@sos/personas";
import { liquidate } from "../contribution/liquidation.js";
import { ContributionState, type ContributionDoc } from "../contribution/contribution.model.js";

/** Months of history seeded per cotizante: enough for arrears, late payments and a year's certificate. */
export const HISTORY_MONTHS = 12;
const OPERATORS = ["SOI", "Aportes en Línea", "Mi Planilla", "Asopagos", "Enlace Operativo"] as const;
/** Pensioners' contributions are withheld and paid by their pension fund. */
const PENSION_FUND = { nit: "900336004", name: "COLPENSIONES" };

export const previousPeriods = (today: string, count: number): string[] => {
  const [year, month] = today.split("-").map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (month - 1) - (count - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  });
};
function nextMonthFirst(period: string): string {
  const [year, month] = period.split("-").map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
}

/** A monthly income in the member's band, in whole thousands: band 1 under 2 SMMLV, 2 up to 5, 3 above. */
function incomeFor(rng: Random, band: string | null, smmlv: number): number {
  const [low, high] = band === "RANGO_3" ? [5, 12] : band === "RANGO_2" ? [2, 5] : [1, 2];
  return Math.round((smmlv * (low + rng.next() * (high - low))) / 1000) * 1000;
}

/**
 * Twelve months of PILA contributions for every contributivo cotizante, consistent with affiliation: a
 * suspended member's last periods are unpaid; a few dependents' employers deducted and did not pay (the
 * worker is protected); late payments here and there, with interest; María Fernanda paid every month,
 * one of them late.
 */
export function buildContributions(rng: Random, members: readonly SyntheticMember[], employers: readonly SyntheticEmployer[], today: string): ContributionDoc[] {
  const employerName = new Map(employers.map((employer) => [employer._id, employer.name]));
  const periods = previousPeriods(today, HISTORY_MONTHS);
  const out: ContributionDoc[] = [];
  for (const member of members) {
    if (member.memberType !== "COTIZANTE" || member.regime !== "CONTRIBUTIVO" || !member.cotizanteKind) continue;
    const persona = member._id === PERSONA_IDS.member;
    const kind = member.cotizanteKind === "INDEPENDIENTE" ? "INDEPENDIENTE" : "DEPENDIENTE";
    // The personas have fixed incomes: María Fernanda 4.8 million; the other cotizante the domain's incapacity example, 2.5 million.
    const income = persona ? 4_800_000 : member._id === PERSONA_IDS.otherMember ? 2_500_000 : incomeFor(rng, member.incomeBand, figuresForYear(recordedYear(Number(today.slice(0, 4)))).smmlv.value);
    const unpaidTail = member.state === "SUSPENDIDO" ? rng.int(2, 4) : !persona && member.cotizanteKind === "DEPENDIENTE" && rng.chance(0.02) ? 2 : 0;
    const deductedNotPaid = unpaidTail > 0 && member.state !== "SUSPENDIDO";
    const lastPeriod = member.state === "RETIRADO" || member.state === "AFILIADO_FALLECIDO" ? rng.int(3, HISTORY_MONTHS - 1) : HISTORY_MONTHS;
    const aportante =
      member.cotizanteKind === "PENSIONADO"
        ? PENSION_FUND
        : member.cotizanteKind === "DEPENDIENTE" && member.employerNit
          ? { nit: member.employerNit, name: employerName.get(member.employerNit) ?? "Empleador" }
          : { nit: null, name: [member.firstName, member.firstSurname].join(" ") };
    const operator = rng.pick(OPERATORS);
    const dueOffset = 2 + (Number(member.documentNumber.slice(-2)) % 15);
    periods.slice(0, lastPeriod).forEach((period, i) => {
      if (period < member.affiliationDate.slice(0, 7)) return;
      const { ibc, total, employerShare, workerShare } = liquidate(kind, income, recordedYear(Number(period.slice(0, 4))));
      const dueDate = addBusinessDays(addDays(nextMonthFirst(period), -1), dueOffset);
      const unpaid = i >= lastPeriod - unpaidTail;
      const late = !unpaid && (persona ? i === 4 : rng.chance(0.06));
      const daysLate = late ? rng.int(3, 45) : 0;
      out.push({
        _id: `${member._id}:${period}`,
        memberId: member._id,
        period,
        aportanteNit: aportante.nit,
        aportanteName: aportante.name,
        planillaType: aportante.nit === null ? "I" : "E",
        planillaNumber: unpaid ? null : rng.digits(10),
        operator: unpaid ? null : operator,
        ibc,
        days: 30,
        amount: total,
        employerShare,
        workerShare,
        dueDate,
        paidOn: unpaid ? null : addDays(dueDate, late ? daysLate : -rng.int(0, 4)),
        daysLate,
        // Moratory interest at about 2 % a month (the usury rate varies), whole pesos rounded to $100.
        interest: late ? Math.ceil((total * 0.02 * (daysLate / 30)) / 100) * 100 : 0,
        state: unpaid ? ContributionState.NO_PAGADO : late ? ContributionState.PAGADO_TARDE : ContributionState.PAGADO,
        deductedNotPaid: unpaid && deductedNotPaid,
        sortKey: `${period}:${member._id}`,
        seeded: true,
      });
    });
  }
  return out;
}

/** Synthetic data only: a period whose year has no legal figures yet uses the latest recorded year's. */
const recordedYear = (year: number): number => Math.max(...YEARLY_FIGURES.map((row) => row.year).filter((recorded) => recorded <= year), Math.min(...YEARLY_FIGURES.map((row) => row.year)));

import { figuresForYear, type LegalFigure } from "@sos/kit";

/**
 * Liquidación de aportes a salud (PBS): 12.5 % of the IBC — 8.5 % the employer, 4 % the worker for a
 * dependent; all of it an independent, whose IBC is 40 % of the monthly income — with the IBC between 1
 * and 25 SMMLV of the year. PILA rounds the IBC up to the peso and each contribution up to the next $100.
 */
export const HEALTH_RATE = { total: 0.125, employer: 0.085, worker: 0.04 } as const;
/** The same rates in thousandths: integer arithmetic, so 8.5 % of $4,800,000 is $408,000 and not $408,000.00000000006. */
const PER_MILLE = { total: 125, employer: 85, worker: 40 } as const;
export const IBC_FLOOR_SMMLV = 1;
export const IBC_CEILING_SMMLV = 25;

export type ContributorKind = "DEPENDIENTE" | "INDEPENDIENTE";

export interface Liquidation {
  year: number;
  kind: ContributorKind;
  monthlyIncome: number;
  ibc: number;
  floorApplied: boolean;
  ceilingApplied: boolean;
  total: number;
  employerShare: number;
  workerShare: number;
  smmlv: LegalFigure;
}

/** A share of the IBC rounded up to the next $100, in integers: ceil(ibc × ‰ / 100 000) × 100. */
const share = (ibc: number, perMille: number): number => Math.ceil((ibc * perMille) / 100_000) * 100;

/** Integers only: percentages are applied to whole pesos and rounded as PILA does. */
export function liquidate(kind: ContributorKind, monthlyIncome: number, year: number): Liquidation {
  if (!Number.isSafeInteger(monthlyIncome) || monthlyIncome <= 0) throw new RangeError("monthlyIncome must be a positive whole number of pesos");
  const { smmlv } = figuresForYear(year);
  // 40 % in integers too: ceil(income × 4 / 10).
  const base = kind === "INDEPENDIENTE" ? Math.ceil((monthlyIncome * 4) / 10) : monthlyIncome;
  const floor = IBC_FLOOR_SMMLV * smmlv.value;
  const ceiling = IBC_CEILING_SMMLV * smmlv.value;
  const ibc = Math.min(Math.max(base, floor), ceiling);
  // The total is 12.5 % rounded once; the worker's 4 % is rounded and the employer pays the rest (two
  // shares rounded apart would add up to $100 more than the law's 12.5 % half the time).
  const total = share(ibc, PER_MILLE.total);
  const workerShare = kind === "DEPENDIENTE" ? share(ibc, PER_MILLE.worker) : total;
  const employerShare = total - workerShare;
  return {
    year,
    kind,
    monthlyIncome,
    ibc,
    floorApplied: base < floor,
    ceilingApplied: base > ceiling,
    total,
    employerShare,
    workerShare,
    smmlv,
  };
}

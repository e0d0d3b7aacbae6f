/**
 * Protección laboral (docs/affiliation.md): a cotizante who loses their job keeps health services, with
 * their family group, for 1 month after at least 12 months with the EPS, or 3 months after at least 5
 * years; with less time, the affiliation ends with the job. Longest term first.
 */
export const LABOR_PROTECTION_TERMS: readonly { minMonths: number; months: number }[] = [
  { minMonths: 60, months: 3 },
  { minMonths: 12, months: 1 },
];

/** Whole calendar months from one day to a later one, both "YYYY-MM-DD" (2025-01-31 → 2025-02-28 is 0). */
export function wholeMonthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = to.split("-").map(Number) as [number, number, number];
  const months = (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
  return Math.max(0, months);
}

/** The same day `months` later, or the month's last day when it has no such day (01-31 + 1 → 02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export interface LaborProtection {
  /** 0, 1 or 3. */
  months: number;
  /** The last day of protection, or null when there is none. */
  until: string | null;
}

/** The protection a cotizante affiliated since `affiliationDate` earns when the job ends on `lastWorkDay`. */
export function laborProtection(affiliationDate: string, lastWorkDay: string): LaborProtection {
  const tenure = wholeMonthsBetween(affiliationDate, lastWorkDay);
  const term = LABOR_PROTECTION_TERMS.find((candidate) => tenure >= candidate.minMonths);
  return term ? { months: term.months, until: addMonths(lastWorkDay, term.months) } : { months: 0, until: null };
}

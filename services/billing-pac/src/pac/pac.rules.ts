import { figuresForYear } from "@sos/kit";

// The money rules of the PAC, pure: arrears aging, the withholding (retención) figure, the CUFE.

export const AGING_BUCKETS = [
  { bucket: "0-30", from: 0, to: 30 },
  { bucket: "31-60", from: 31, to: 60 },
  { bucket: "61-90", from: 61, to: 90 },
  { bucket: "90+", from: 91, to: Number.POSITIVE_INFINITY },
] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number]["bucket"];

const DAY_MS = 86_400_000;
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** Which bucket a debt due on `dueDate` falls in on `today`; null while it is not yet due. */
export function agingBucket(dueDate: string, today: string): AgingBucket | null {
  const late = daysBetween(dueDate, today);
  if (late <= 0) return null;
  return (AGING_BUCKETS.find((row) => late >= row.from && late <= row.to) ?? AGING_BUCKETS[3]).bucket;
}

/** Debts by bucket: how many and how much, every bucket present (zeros included). */
export function ageDebts(debts: readonly { amount: number; dueDate: string }[], today: string): { bucket: AgingBucket; count: number; amount: number }[] {
  const rows = AGING_BUCKETS.map((row) => ({ bucket: row.bucket as AgingBucket, count: 0, amount: 0 }));
  for (const debt of debts) {
    const bucket = agingBucket(debt.dueDate, today);
    const row = rows.find((candidate) => candidate.bucket === bucket);
    if (row) {
      row.count += 1;
      row.amount += debt.amount;
    }
  }
  return rows;
}

/** PAC payments reduce the withholding base up to 16 UVT a month (Estatuto Tributario art. 387). */
export const PAC_WITHHOLDING_CAP_UVT = 16;

export interface WithholdingYear {
  year: number;
  uvt: number;
  monthlyCap: number;
  months: { month: number; paid: number; deductible: number }[];
  paid: number;
  deductible: number;
}

/** The retención PAC figure of a year from the payments made in it (`paidOn` "YYYY-MM-DD"). */
export function withholdingYear(year: number, payments: readonly { paidOn: string; amount: number }[]): WithholdingYear {
  const uvt = figuresForYear(year).uvt.value;
  const monthlyCap = PAC_WITHHOLDING_CAP_UVT * uvt;
  const months = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, paid: 0, deductible: 0 }));
  for (const payment of payments) {
    if (Number(payment.paidOn.slice(0, 4)) !== year) continue;
    (months[Number(payment.paidOn.slice(5, 7)) - 1] as { paid: number }).paid += payment.amount;
  }
  for (const month of months) month.deductible = Math.min(month.paid, monthlyCap);
  return { year, uvt, monthlyCap, months, paid: months.reduce((sum, m) => sum + m.paid, 0), deductible: months.reduce((sum, m) => sum + m.deductible, 0) };
}

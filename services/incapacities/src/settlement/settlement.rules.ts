import { figuresForYear } from "@sos/kit";

/**
 * Who pays each day of an incapacity chain and how much (docs/incapacities.md), pure and table-tested:
 * - general illness: days 1–2 the employer, 3–90 the EPS at 66.67 % of the IBC, 91–180 the EPS at 50 %,
 *   181–540 the pension fund (AFP) at 50 %, beyond 540 the EPS again at 50 %; never less than SMMLV/30 a
 *   day; the EPS days need at least 4 weeks of contributions;
 * - work-related (accident or illness): the ARL, 100 % of the IBC;
 * - maternity (Ley 2114 de 2021): 18 weeks at 100 % (+2 for a multiple birth, + the weeks a preterm birth
 *   lacked), in proportion to the days contributed during the pregnancy when they fall short;
 * - paternity: 2 weeks at 100 %;
 * - the subsidiado régimen: no cash benefit.
 * Amounts in whole pesos: a day's value is rounded to the peso, a segment is days × that value.
 */
export type IncapacityKind = "ENFERMEDAD_GENERAL" | "ACCIDENTE_TRABAJO" | "ENFERMEDAD_LABORAL" | "LICENCIA_MATERNIDAD" | "LICENCIA_PATERNIDAD";
export type SettlementPayer = "EMPLEADOR" | "EPS" | "AFP" | "ARL" | "NINGUNO";

/** The bands of a general-illness chain, by cumulative day; a rate in hundredths of a percent (6667 = 66.67 %). */
export const GENERAL_ILLNESS_BANDS: readonly { from: number; to: number; payer: SettlementPayer; rateBp: number }[] = [
  { from: 1, to: 2, payer: "EMPLEADOR", rateBp: 6667 },
  { from: 3, to: 90, payer: "EPS", rateBp: 6667 },
  { from: 91, to: 180, payer: "EPS", rateBp: 5000 },
  { from: 181, to: 540, payer: "AFP", rateBp: 5000 },
  { from: 541, to: Number.POSITIVE_INFINITY, payer: "EPS", rateBp: 5000 },
];
export const MIN_CONTRIBUTED_WEEKS = 4;
export const MATERNITY_WEEKS = 18;
export const MULTIPLE_BIRTH_EXTRA_WEEKS = 2;
export const PATERNITY_WEEKS = 2;

export interface SettlementInput {
  kind: IncapacityKind;
  /** Days of the chain before this certificate (0 for the first). */
  chainDaysBefore: number;
  days: number;
  /** The monthly IBC the benefit is computed on, whole pesos. */
  ibc: number;
  /** The year whose SMMLV sets the floor (the start date's). */
  year: number;
  regime: "CONTRIBUTIVO" | "SUBSIDIADO";
  contributedWeeks: number;
  /** Maternity: the pregnancy's length in days and the days contributed during it. */
  gestationDays?: number;
  contributedDaysInPregnancy?: number;
}

export interface SettlementSegment {
  /** Cumulative days of the chain, inclusive. */
  fromDay: number;
  toDay: number;
  days: number;
  payer: SettlementPayer;
  /** Hundredths of a percent of the IBC. */
  rateBp: number;
  dailyAmount: number;
  amount: number;
  /** The day's value was raised to SMMLV/30. */
  floorApplied: boolean;
}

export interface Settlement {
  segments: SettlementSegment[];
  total: number;
  byPayer: Partial<Record<SettlementPayer, number>>;
  /** Why a part is not paid, or is paid in proportion, in Spanish; null when paid in full. */
  note: string | null;
}

/** IBC/30 × rate, in integers (bp: hundredths of a percent), rounded to the peso. */
const daily = (ibc: number, rateBp: number): number => Math.round((ibc * rateBp) / 300_000);

function summarise(segments: SettlementSegment[], note: string | null): Settlement {
  const byPayer: Partial<Record<SettlementPayer, number>> = {};
  for (const segment of segments) byPayer[segment.payer] = (byPayer[segment.payer] ?? 0) + segment.amount;
  return { segments, total: segments.reduce((sum, segment) => sum + segment.amount, 0), byPayer, note };
}

export function settle(input: SettlementInput): Settlement {
  if (!Number.isInteger(input.days) || input.days < 1) throw new RangeError("days must be a whole number of at least 1");
  const first = input.chainDaysBefore + 1;
  const last = input.chainDaysBefore + input.days;
  const unpaid = (note: string): Settlement =>
    summarise([{ fromDay: first, toDay: last, days: input.days, payer: "NINGUNO", rateBp: 0, dailyAmount: 0, amount: 0, floorApplied: false }], note);
  if (input.regime === "SUBSIDIADO") return unpaid("El régimen subsidiado no tiene prestaciones económicas (incapacidades ni licencias).");

  if (input.kind === "ACCIDENTE_TRABAJO" || input.kind === "ENFERMEDAD_LABORAL") {
    const value = daily(input.ibc, 10_000);
    return summarise([{ fromDay: first, toDay: last, days: input.days, payer: "ARL", rateBp: 10_000, dailyAmount: value, amount: value * input.days, floorApplied: false }], null);
  }

  if (input.kind === "LICENCIA_MATERNIDAD" || input.kind === "LICENCIA_PATERNIDAD") {
    const value = daily(input.ibc, 10_000);
    const full = value * input.days;
    const gestation = input.gestationDays ?? 0;
    const contributed = input.contributedDaysInPregnancy ?? gestation;
    // Paid in proportion to the days contributed during the pregnancy when they fall short of it.
    const proportional = input.kind === "LICENCIA_MATERNIDAD" && gestation > 0 && contributed < gestation;
    const amount = proportional ? Math.round((full * contributed) / gestation) : full;
    return summarise(
      [{ fromDay: first, toDay: last, days: input.days, payer: "EPS", rateBp: 10_000, dailyAmount: value, amount, floorApplied: false }],
      proportional ? `Pagada en proporción a los días cotizados durante la gestación (${contributed} de ${gestation}).` : null,
    );
  }

  // General illness, band by band over this certificate's days.
  const floor = Math.round(figuresForYear(input.year).smmlv.value / 30);
  const eligible = input.contributedWeeks >= MIN_CONTRIBUTED_WEEKS;
  const segments: SettlementSegment[] = [];
  for (const band of GENERAL_ILLNESS_BANDS) {
    const from = Math.max(first, band.from);
    const to = Math.min(last, band.to);
    if (from > to) continue;
    const days = to - from + 1;
    // The EPS's days need four weeks of contributions; the employer's first two days do not depend on them.
    if (band.payer === "EPS" && !eligible) {
      segments.push({ fromDay: from, toDay: to, days, payer: "NINGUNO", rateBp: 0, dailyAmount: 0, amount: 0, floorApplied: false });
      continue;
    }
    const computed = daily(input.ibc, band.rateBp);
    const value = Math.max(computed, floor);
    segments.push({ fromDay: from, toDay: to, days, payer: band.payer, rateBp: band.rateBp, dailyAmount: value, amount: value * days, floorApplied: computed < floor });
  }
  // Said only when a day goes unpaid for it: a certificate of the employer's or the AFP's days alone is paid in full.
  const someUnpaid = segments.some((segment) => segment.payer === "NINGUNO");
  return summarise(segments, someUnpaid ? `Sin las ${MIN_CONTRIBUTED_WEEKS} semanas de cotización exigidas: la EPS no reconoce sus días.` : null);
}

/** A term pregnancy is 37 weeks or more; a preterm birth lacked the difference, in whole weeks. */
export const TERM_GESTATION_DAYS = 37 * 7;
export const pretermWeeksMissing = (gestationDays: number): number => Math.max(0, Math.ceil((TERM_GESTATION_DAYS - gestationDays) / 7));

/** Maternity licence days: 18 weeks, +2 for a multiple birth, + the weeks a preterm birth lacked. */
export const maternityDays = (multiple: boolean, pretermWeeksMissing: number): number => (MATERNITY_WEEKS + (multiple ? MULTIPLE_BIRTH_EXTRA_WEEKS : 0) + Math.max(0, pretermWeeksMissing)) * 7;

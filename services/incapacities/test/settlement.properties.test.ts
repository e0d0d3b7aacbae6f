import { AppError, ErrorCode, figuresForYear } from "@sos/kit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Context } from "../src/context.js";
import { contributionRecord } from "../src/settlement/contributions.client.js";
import { maternityDays, pretermWeeksMissing, settle, type IncapacityKind, type SettlementInput, type SettlementPayer, type SettlementSegment } from "../src/settlement/settlement.rules.js";

// Properties of the incapacity settlement (who pays each day of a chain and how much) and of the
// contribution record it is computed on, over many generated chains, IBCs and contribution histories.
// Every expected figure comes from the rule as docs/incapacities.md states it, computed here day by day
// in exact integer (BigInt) arithmetic — never from the module's bands or its rounding helper.

const YEARS = [2025, 2026] as const;
const smmlv = (year: number): number => figuresForYear(year).smmlv.value;

/** Round half up of a non-negative fraction n/d, exactly. */
const roundHalfUp = (numerator: bigint, denominator: bigint): number => Number((2n * numerator + denominator) / (2n * denominator));
/** A day's value: IBC/30 × percent (in hundredths of a percent), rounded to the peso. */
const dayValue = (ibc: number, hundredthsOfPercent: number): number => roundHalfUp(BigInt(ibc) * BigInt(hundredthsOfPercent), 30n * 10_000n);
/** SMMLV/30 rounded to the peso: no general-illness day is paid less. */
const dailyFloor = (year: number): number => roundHalfUp(BigInt(smmlv(year)), 30n);

/** The general-illness rule for day `day` of a chain (docs/incapacities.md, "Settlement: who pays each day"). */
function generalIllnessDay(day: number, ibc: number, year: number, contributedWeeks: number): { payer: SettlementPayer; amount: number; floorApplied: boolean } {
  const payer: SettlementPayer = day <= 2 ? "EMPLEADOR" : day <= 180 ? "EPS" : day <= 540 ? "AFP" : "EPS";
  // The EPS's days need four weeks of contributions; the employer's and the pension fund's do not.
  if (payer === "EPS" && contributedWeeks < 4) return { payer: "NINGUNO", amount: 0, floorApplied: false };
  const computed = dayValue(ibc, day <= 90 ? 6_667 : 5_000);
  return { payer, amount: Math.max(computed, dailyFloor(year)), floorApplied: computed < dailyFloor(year) };
}

/** The segments' days one by one: each cumulative day of the chain with who pays it and how much. */
function dayByDay(segments: readonly SettlementSegment[]): { day: number; payer: SettlementPayer; amount: number; floorApplied: boolean }[] {
  return segments.flatMap((segment) => Array.from({ length: segment.days }, (_, i) => ({ day: segment.fromDay + i, payer: segment.payer, amount: segment.dailyAmount, floorApplied: segment.floorApplied })));
}

/** What every settlement must be, whatever its kind: whole non-negative pesos, totals that add up. */
function expectWellFormed(input: SettlementInput, result: ReturnType<typeof settle>): void {
  let next = input.chainDaysBefore + 1;
  for (const segment of result.segments) {
    // Contiguous, in order, covering exactly this certificate's days of the chain.
    expect(segment.fromDay).toBe(next);
    expect(segment.toDay - segment.fromDay + 1).toBe(segment.days);
    expect(segment.days).toBeGreaterThan(0);
    next = segment.toDay + 1;
    for (const value of [segment.dailyAmount, segment.amount]) {
      expect(Number.isSafeInteger(value)).toBe(true);
      expect(value).toBeGreaterThanOrEqual(0);
    }
  }
  expect(next).toBe(input.chainDaysBefore + input.days + 1);
  expect(result.total).toBe(result.segments.reduce((sum, segment) => sum + segment.amount, 0));
  expect(Object.values(result.byPayer).reduce((sum, amount) => sum + (amount ?? 0), 0)).toBe(result.total);
  for (const [payer, amount] of Object.entries(result.byPayer)) {
    expect(amount).toBe(result.segments.filter((segment) => segment.payer === payer).reduce((sum, segment) => sum + segment.amount, 0));
  }
}

// IBCs from below the minimum wage (an inconsistent record must still settle at the floor) to 25 SMMLV and beyond.
const ibc = fc.oneof(fc.integer({ min: 0, max: 50_000_000 }), fc.integer({ min: 1_400_000, max: 3_000_000 }), fc.constantFrom(0, 1, 1_423_500, 1_750_905, 2_500_000, 43_772_625));
const year = fc.constantFrom(...YEARS);
const weeks = fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constantFrom(3, 4));
// Chain positions that straddle every band boundary (2|3, 90|91, 180|181, 540|541) often.
const chainStart = fc.oneof(fc.integer({ min: 0, max: 700 }), fc.constantFrom(0, 1, 2, 88, 89, 90, 178, 179, 180, 538, 539, 540).chain((at) => fc.integer({ min: Math.max(0, at - 3), max: at })));
const certificateDays = fc.integer({ min: 1, max: 180 });

const general = (chainDaysBefore: number, days: number, ibcValue: number, yearValue: number, contributedWeeks: number): SettlementInput => ({
  kind: "ENFERMEDAD_GENERAL",
  chainDaysBefore,
  days,
  ibc: ibcValue,
  year: yearValue,
  regime: "CONTRIBUTIVO",
  contributedWeeks,
});

describe("general illness", () => {
  it("pays each day as the rule says: employer 1–2, EPS 3–180, AFP 181–540, EPS after; 66.67 % to day 90, then 50 %; never under SMMLV/30", () => {
    fc.assert(
      fc.property(chainStart, certificateDays, ibc, year, weeks, (before, days, ibcValue, yearValue, contributedWeeks) => {
        const input = general(before, days, ibcValue, yearValue, contributedWeeks);
        const result = settle(input);
        expectWellFormed(input, result);
        for (const segment of result.segments) expect(segment.amount).toBe(segment.dailyAmount * segment.days);
        const expected = Array.from({ length: days }, (_, i) => ({ day: before + 1 + i, ...generalIllnessDay(before + 1 + i, ibcValue, yearValue, contributedWeeks) }));
        expect(dayByDay(result.segments)).toEqual(expected);
        for (const day of expected) if (day.payer !== "NINGUNO") expect(day.amount).toBeGreaterThanOrEqual(dailyFloor(yearValue));
      }),
    );
  });

  it("gives the same days, payers and amounts whether a chain is settled whole or certificate by certificate (prórrogas)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 720 }), fc.uniqueArray(fc.integer({ min: 1, max: 719 }), { maxLength: 6 }), ibc, year, weeks, (length, cuts, ibcValue, yearValue, contributedWeeks) => {
        const bounds = [0, ...cuts.filter((cut) => cut < length).sort((a, b) => a - b), length];
        const parts = bounds.slice(1).map((end, i) => settle(general(bounds[i] as number, end - (bounds[i] as number), ibcValue, yearValue, contributedWeeks)));
        const whole = settle(general(0, length, ibcValue, yearValue, contributedWeeks));
        expect(parts.reduce((sum, part) => sum + part.total, 0)).toBe(whole.total);
        expect(parts.flatMap((part) => dayByDay(part.segments))).toEqual(dayByDay(whole.segments));
        for (const payer of ["EMPLEADOR", "EPS", "AFP", "NINGUNO"] as const) {
          expect(parts.reduce((sum, part) => sum + (part.byPayer[payer] ?? 0), 0)).toBe(whole.byPayer[payer] ?? 0);
        }
      }),
    );
  });

  it("pays more (never less) for a higher IBC, more days or more contributed weeks, and no later day more than an earlier one", () => {
    fc.assert(
      fc.property(chainStart, certificateDays, fc.nat({ max: 100 }), ibc, ibc, year, weeks, weeks, (before, days, extra, a, b, yearValue, w1, w2) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const [fewer, more] = w1 <= w2 ? [w1, w2] : [w2, w1];
        const base = settle(general(before, days, low, yearValue, fewer));
        expect(settle(general(before, days, high, yearValue, fewer)).total).toBeGreaterThanOrEqual(base.total);
        expect(settle(general(before, days + extra, low, yearValue, fewer)).total).toBeGreaterThanOrEqual(base.total);
        expect(settle(general(before, days, low, yearValue, more)).total).toBeGreaterThanOrEqual(base.total);
        const paid = dayByDay(base.segments).filter((day) => day.payer !== "NINGUNO");
        for (let i = 1; i < paid.length; i += 1) expect((paid[i] as { amount: number }).amount).toBeLessThanOrEqual((paid[i - 1] as { amount: number }).amount);
      }),
    );
  });

  it("says why when the EPS does not pay for lack of four weeks, and says nothing when every day is paid", () => {
    fc.assert(
      fc.property(chainStart, certificateDays, ibc, year, weeks, (before, days, ibcValue, yearValue, contributedWeeks) => {
        const result = settle(general(before, days, ibcValue, yearValue, contributedWeeks));
        const unpaid = result.segments.some((segment) => segment.payer === "NINGUNO");
        expect(unpaid).toBe(contributedWeeks < 4 && Array.from({ length: days }, (_, i) => before + 1 + i).some((day) => (day >= 3 && day <= 180) || day > 540));
        // The note is "why a part is not paid": present exactly when a day goes unpaid.
        if (unpaid) expect(result.note).toMatch(/4 semanas/);
        else expect(result.note).toBeNull();
      }),
    );
  });
});

describe("work-related origin, licences, the subsidiado and bad input", () => {
  it("pays a work accident or illness by the ARL at 100 % of IBC/30 a day, wherever the day falls in the chain and whatever the weeks", () => {
    fc.assert(
      fc.property(fc.constantFrom<IncapacityKind>("ACCIDENTE_TRABAJO", "ENFERMEDAD_LABORAL"), chainStart, certificateDays, ibc, year, weeks, (kind, before, days, ibcValue, yearValue, contributedWeeks) => {
        const input: SettlementInput = { ...general(before, days, ibcValue, yearValue, contributedWeeks), kind };
        const result = settle(input);
        expectWellFormed(input, result);
        expect(result.segments.map((segment) => [segment.payer, segment.rateBp, segment.dailyAmount])).toEqual([["ARL", 10_000, dayValue(ibcValue, 10_000)]]);
        expect(result.total).toBe(days * dayValue(ibcValue, 10_000));
        expect(result.note).toBeNull();
      }),
    );
  });

  it("pays maternity at 100 %, in proportion to the days contributed during the pregnancy when they fall short, never more than in full", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 175 }), ibc, year, fc.integer({ min: 150, max: 300 }), fc.integer({ min: 0, max: 320 }), fc.integer({ min: 0, max: 320 }), (days, ibcValue, yearValue, gestation, c1, c2) => {
        const full = days * dayValue(ibcValue, 10_000);
        const licence = (contributed: number) => {
          const input: SettlementInput = { ...general(0, days, ibcValue, yearValue, 0), kind: "LICENCIA_MATERNIDAD", gestationDays: gestation, contributedDaysInPregnancy: contributed };
          const result = settle(input);
          expectWellFormed(input, result);
          expect(result.segments.map((segment) => segment.payer)).toEqual(["EPS"]);
          return result;
        };
        const [less, more] = c1 <= c2 ? [c1, c2] : [c2, c1];
        const first = licence(less);
        const second = licence(more);
        expect(first.total).toBeLessThanOrEqual(second.total);
        for (const [contributed, result] of [[less, first], [more, second]] as const) {
          if (contributed >= gestation) {
            expect(result.total).toBe(full);
            expect(result.note).toBeNull();
          } else {
            expect(result.total).toBe(roundHalfUp(BigInt(full) * BigInt(contributed), BigInt(gestation)));
            expect(result.note).toContain(`${contributed} de ${gestation}`);
          }
        }
      }),
    );
  });

  it("pays paternity in full at 100 % by the EPS, whatever the contributions during a pregnancy", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 14 }), ibc, year, fc.option(fc.integer({ min: 150, max: 300 })), fc.option(fc.nat({ max: 300 })), (days, ibcValue, yearValue, gestation, contributed) => {
        const result = settle({ ...general(0, days, ibcValue, yearValue, 0), kind: "LICENCIA_PATERNIDAD", ...(gestation !== null && { gestationDays: gestation }), ...(contributed !== null && { contributedDaysInPregnancy: contributed }) });
        expect(result).toMatchObject({ total: days * dayValue(ibcValue, 10_000), byPayer: { EPS: days * dayValue(ibcValue, 10_000) }, note: null });
      }),
    );
  });

  it("pays nothing, for any kind, in the subsidiado régimen, and says why", () => {
    const kinds = fc.constantFrom<IncapacityKind>("ENFERMEDAD_GENERAL", "ACCIDENTE_TRABAJO", "ENFERMEDAD_LABORAL", "LICENCIA_MATERNIDAD", "LICENCIA_PATERNIDAD");
    fc.assert(
      fc.property(kinds, chainStart, certificateDays, ibc, year, weeks, (kind, before, days, ibcValue, yearValue, contributedWeeks) => {
        const input: SettlementInput = { ...general(before, days, ibcValue, yearValue, contributedWeeks), kind, regime: "SUBSIDIADO", gestationDays: 270 };
        const result = settle(input);
        expectWellFormed(input, result);
        expect(result).toMatchObject({ total: 0, byPayer: { NINGUNO: 0 } });
        expect(result.segments).toHaveLength(1);
        expect(result.note).toMatch(/subsidiado/);
      }),
    );
  });

  it("refuses a number of days that is not a whole number of at least 1 (RangeError), for every kind", () => {
    const badDays = fc.oneof(fc.integer({ max: 0 }), fc.double({ noInteger: true }), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 0.5, -0));
    fc.assert(
      fc.property(badDays, fc.constantFrom<IncapacityKind>("ENFERMEDAD_GENERAL", "ACCIDENTE_TRABAJO", "LICENCIA_MATERNIDAD"), (days, kind) => {
        expect(() => settle({ ...general(0, days, 2_500_000, 2026, 52), kind })).toThrow(RangeError);
      }),
    );
  });

  it("gives maternity 18 weeks, +2 for a multiple birth, + the whole weeks a birth before 37 weeks lacked", () => {
    fc.assert(
      fc.property(fc.integer({ min: 150, max: 300 }), fc.boolean(), (gestation, multiple) => {
        // The weeks missing: the fewest whole weeks that bring the gestation to 37 weeks (259 days).
        let missing = 0;
        while (gestation + 7 * missing < 259) missing += 1;
        expect(pretermWeeksMissing(gestation)).toBe(missing);
        expect(maternityDays(multiple, pretermWeeksMissing(gestation))).toBe((18 + (multiple ? 2 : 0) + missing) * 7);
      }),
    );
  });
});

// --- The contribution record the settlement is computed on --------------------------------------------

interface Period {
  period: string;
  ibc: number;
  days: number;
  state: string;
}
const monthIndex = (period: string): number => Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;
const periodOf = (index: number): string => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
const leapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthLength = (period: string): number => {
  const [y, m] = [Number(period.slice(0, 4)), Number(period.slice(5, 7))];
  return [31, leapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] as number;
};

/** Billing's answer as the federated query returns it: up to 24 periods, the latest first. */
const fakeBilling = (nodes: Period[] | null): Context =>
  ({ peers: { query: async () => ({ _entities: [nodes ? { contributions: { nodes } } : null] }) } }) as unknown as Context;

/**
 * A start date and up to 24 monthly periods around it. The start is often the first or the last day of a
 * month, and often in the year after a 29 February (2024-02 to 2025-02), where a year counted in days
 * and a year counted in months part ways; the periods are often every month of the year before.
 */
const history = fc
  .tuple(
    fc.oneof(fc.integer({ min: monthIndex("2021-01"), max: monthIndex("2028-12") }), fc.integer({ min: monthIndex("2024-02"), max: monthIndex("2025-02") })),
    fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constant(31), fc.constant(1), fc.constant(29)),
    fc.oneof(fc.uniqueArray(fc.integer({ min: -20, max: 3 }), { maxLength: 24 }), fc.constant(Array.from({ length: 14 }, (_, i) => -13 + i))),
    fc.array(fc.record({ ibc: fc.integer({ min: 1_000_000, max: 40_000_000 }), days: fc.integer({ min: 1, max: 30 }), state: fc.constantFrom("PAGADO", "PAGADO", "PAGADO_TARDE", "NO_PAGADO") }), { minLength: 24, maxLength: 24 }),
  )
  .map(([month, day, offsets, facts]) => {
    const startPeriod = periodOf(month);
    const startDate = `${startPeriod}-${String(Math.min(day, monthLength(startPeriod))).padStart(2, "0")}`;
    const periods: Period[] = offsets
      .map((offset, i) => ({ period: periodOf(month + offset), ...(facts[i] as Omit<Period, "period">) }))
      .sort((a, b) => b.period.localeCompare(a.period));
    return { startDate, periods };
  });

describe("the contribution record", () => {
  it("takes the IBC of the last paid period before the start's month, and the weeks paid in the twelve periods before it", async () => {
    await fc.assert(
      fc.asyncProperty(history, async ({ startDate, periods }) => {
        const start = monthIndex(startDate);
        const paid = periods.filter((period) => period.state !== "NO_PAGADO");
        const lastBefore = paid.filter((period) => monthIndex(period.period) < start).sort((a, b) => monthIndex(b.period) - monthIndex(a.period))[0];
        const record = contributionRecord(fakeBilling(periods), "m1", startDate);
        if (!lastBefore) {
          // Nothing to compute on: refused, never settled at $0.
          await expect(record).rejects.toMatchObject({ extensions: { code: ErrorCode.CONFLICT } });
          return;
        }
        const { ibc: base, contributedWeeks } = await record;
        expect(base).toBe(lastBefore.ibc);
        // The twelve monthly periods before the start's month, whatever day of the month it starts.
        const counted = paid.filter((period) => monthIndex(period.period) >= start - 12 && monthIndex(period.period) <= start - 1);
        expect(contributedWeeks).toBe(Math.floor(counted.reduce((sum, period) => sum + period.days, 0) / 7));
      }),
    );
  });

  it("counts the days contributed in a window by each paid period's overlap with it: whole months in full, splits adding up", async () => {
    await fc.assert(
      fc.asyncProperty(history, fc.integer({ min: -24, max: 2 }), fc.integer({ min: 1, max: 14 }), fc.integer({ min: 0, max: 400 }), async ({ startDate, periods }, fromOffset, months, cut) => {
        const { contributedDaysBetween } = await contributionRecord(fakeBilling([{ period: "2000-01", ibc: 1, days: 1, state: "PAGADO" }, ...periods].sort((a, b) => b.period.localeCompare(a.period))), "m1", startDate);
        const paid = periods.filter((period) => period.state !== "NO_PAGADO");
        // A window of whole months: every paid period inside counts its days, none outside counts.
        const fromIndex = monthIndex(startDate) + fromOffset;
        const from = `${periodOf(fromIndex)}-01`;
        const to = `${periodOf(fromIndex + months)}-01`;
        const inside = paid.filter((period) => monthIndex(period.period) >= fromIndex && monthIndex(period.period) < fromIndex + months);
        expect(contributedDaysBetween(from, to)).toBe(inside.reduce((sum, period) => sum + period.days, 0));
        // Cut anywhere: the two parts add up to the whole, give or take the rounding of each part.
        const middle = new Date(Date.parse(`${from}T00:00:00Z`) + cut * 86_400_000).toISOString().slice(0, 10);
        if (middle >= to) return;
        const parts = contributedDaysBetween(from, middle) + contributedDaysBetween(middle, to);
        expect(Math.abs(parts - contributedDaysBetween(from, to))).toBeLessThanOrEqual(1);
        expect(contributedDaysBetween(from, middle)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("is not made when billing does not answer: UNAVAILABLE, never a settlement on nothing", async () => {
    await fc.assert(
      fc.asyncProperty(history, async ({ startDate }) => {
        const refusal = await contributionRecord(fakeBilling(null), "m1", startDate).catch((error: unknown) => error);
        expect(refusal).toBeInstanceOf(AppError);
        expect((refusal as AppError).code).toBe(ErrorCode.UNAVAILABLE);
      }),
      { numRuns: 20 },
    );
  });
});

// Examples of what the properties above found, kept as plain tests so the failure reads at a glance.
describe("regressions found by these properties", () => {
  it("counts twelve periods for a start on a month's last day after a 29 February (2024-12-31 counted eleven)", async () => {
    // 2023-12 to 2024-12, 30 days each: the twelve before December 2024 are 360 days, 51 weeks.
    const periods = Array.from({ length: 13 }, (_, i) => ({ period: periodOf(monthIndex("2023-12") + i), ibc: 2_000_000, days: 30, state: "PAGADO" })).reverse();
    for (const startDate of ["2024-12-01", "2024-12-30", "2024-12-31"]) {
      expect((await contributionRecord(fakeBilling(periods), "m1", startDate)).contributedWeeks).toBe(51);
    }
    // 29 February itself, and a month's end a year after it.
    const spring = Array.from({ length: 13 }, (_, i) => ({ period: periodOf(monthIndex("2023-02") + i), ibc: 2_000_000, days: 30, state: "PAGADO" })).reverse();
    expect((await contributionRecord(fakeBilling(spring), "m1", "2024-02-29")).contributedWeeks).toBe(51);
  });

  it("gives no note to a fully paid general-illness certificate of a worker without four weeks (only the employer's days)", () => {
    const employerDays = settle(general(0, 2, 2_500_000, 2026, 3));
    expect(employerDays).toMatchObject({ total: 2 * 58_364, byPayer: { EMPLEADOR: 2 * 58_364 }, note: null });
    // The AFP's days do not depend on the weeks either.
    expect(settle(general(200, 10, 2_500_000, 2026, 0)).note).toBeNull();
    // With an EPS day unpaid, it says why.
    expect(settle(general(0, 3, 2_500_000, 2026, 3)).note).toMatch(/4 semanas/);
  });
});

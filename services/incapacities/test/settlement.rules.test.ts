import { describe, expect, it } from "vitest";
import { maternityDays, settle, type SettlementInput } from "../src/settlement/settlement.rules.js";

// 2026: SMMLV $1,750,905 → floor $58,364 a day (58,363.50 rounded to the peso).
const general = (overrides: Partial<SettlementInput> = {}): SettlementInput => ({ kind: "ENFERMEDAD_GENERAL", chainDaysBefore: 0, days: 10, ibc: 6_000_000, year: 2026, regime: "CONTRIBUTIVO", contributedWeeks: 52, ...overrides });

describe("general illness, band by band", () => {
  it("pays days 1–2 by the employer and 3–90 by the EPS at 66.67 %", () => {
    const { segments } = settle(general({ days: 90 }));
    expect(segments.map((s) => [s.fromDay, s.toDay, s.payer, s.rateBp, s.dailyAmount])).toEqual([
      [1, 2, "EMPLEADOR", 6667, 133_340],
      [3, 90, "EPS", 6667, 133_340],
    ]);
  });

  it("splits each band boundary exactly: 90|91, 180|181, 540|541", () => {
    const at = (before: number, days: number) => settle(general({ chainDaysBefore: before, days })).segments.map((s) => [s.fromDay, s.toDay, s.payer, s.rateBp]);
    expect(at(89, 2)).toEqual([[90, 90, "EPS", 6667], [91, 91, "EPS", 5000]]);
    expect(at(179, 2)).toEqual([[180, 180, "EPS", 5000], [181, 181, "AFP", 5000]]);
    expect(at(539, 2)).toEqual([[540, 540, "AFP", 5000], [541, 541, "EPS", 5000]]);
    expect(at(1, 2)).toEqual([[2, 2, "EMPLEADOR", 6667], [3, 3, "EPS", 6667]]);
  });

  it("gives the domain's worked example: IBC $2,500,000 → 66.67 % is $55,558 a day, under the floor, so it pays $58,364", () => {
    const { segments } = settle(general({ ibc: 2_500_000, days: 30 }));
    expect(segments[1]).toMatchObject({ payer: "EPS", dailyAmount: 58_364, floorApplied: true, amount: 58_364 * 28 });
  });

  it("settles a 120-day chain: 2 days employer, 88 at 66.67 %, 30 at 50 %, never under the floor", () => {
    const first = settle(general({ ibc: 2_500_000, days: 30 }));
    const second = settle(general({ ibc: 2_500_000, chainDaysBefore: 30, days: 60 }));
    const third = settle(general({ ibc: 2_500_000, chainDaysBefore: 90, days: 30 }));
    const all = [...first.segments, ...second.segments, ...third.segments];
    expect(all.map((s) => [s.fromDay, s.toDay, s.payer, s.rateBp])).toEqual([
      [1, 2, "EMPLEADOR", 6667],
      [3, 30, "EPS", 6667],
      [31, 90, "EPS", 6667],
      [91, 120, "EPS", 5000],
    ]);
    expect(all.every((s) => s.dailyAmount >= 58_364)).toBe(true);
    expect(third.total).toBe(30 * 58_364);
  });

  it("does not pay the EPS days without 4 weeks of contributions, and says so", () => {
    const result = settle(general({ contributedWeeks: 3, days: 5 }));
    expect(result.segments.map((s) => [s.payer, s.amount > 0])).toEqual([["EMPLEADOR", true], ["NINGUNO", false]]);
    expect(result.note).toMatch(/4 semanas/);
    expect(settle(general({ contributedWeeks: 4, days: 5 })).byPayer.EPS).toBeGreaterThan(0);
  });
});

describe("work-related origin, licences and the subsidiado", () => {
  it("pays a work accident or illness by the ARL at 100 %", () => {
    expect(settle(general({ kind: "ACCIDENTE_TRABAJO", days: 10 }))).toMatchObject({ total: 2_000_000, byPayer: { ARL: 2_000_000 } });
    expect(settle(general({ kind: "ENFERMEDAD_LABORAL", days: 1 })).segments[0]).toMatchObject({ payer: "ARL", rateBp: 10_000 });
  });

  it("gives maternity 18 weeks (126 days), 140 for a multiple birth, plus a preterm birth's missing weeks", () => {
    expect(maternityDays(false, 0)).toBe(126);
    expect(maternityDays(true, 0)).toBe(140);
    expect(maternityDays(false, 3)).toBe(147);
    expect(settle(general({ kind: "LICENCIA_MATERNIDAD", days: 126, gestationDays: 270, contributedDaysInPregnancy: 270 }))).toMatchObject({ total: 126 * 200_000, note: null });
  });

  it("pays maternity in proportion when contributions during the pregnancy fall short", () => {
    const result = settle(general({ kind: "LICENCIA_MATERNIDAD", days: 126, gestationDays: 270, contributedDaysInPregnancy: 180 }));
    expect(result.total).toBe(Math.round((126 * 200_000 * 180) / 270));
    expect(result.note).toMatch(/180 de 270/);
  });

  it("gives paternity 2 weeks at 100 % by the EPS", () => {
    expect(settle(general({ kind: "LICENCIA_PATERNIDAD", days: 14 }))).toMatchObject({ total: 14 * 200_000, byPayer: { EPS: 14 * 200_000 } });
  });

  it("pays nothing in the subsidiado régimen, and says why", () => {
    const result = settle(general({ regime: "SUBSIDIADO", days: 10 }));
    expect(result).toMatchObject({ total: 0, byPayer: { NINGUNO: 0 } });
    expect(result.note).toMatch(/subsidiado/);
  });
});

describe("maternity days by the birth", () => {
  it("adds the weeks a preterm birth lacked (term: 37 weeks)", async () => {
    const { pretermWeeksMissing } = await import("../src/settlement/settlement.rules.js");
    expect(pretermWeeksMissing(259)).toBe(0);
    expect(pretermWeeksMissing(280)).toBe(0);
    expect(pretermWeeksMissing(245)).toBe(2);
    expect(pretermWeeksMissing(250)).toBe(2);
    expect(maternityDays(false, pretermWeeksMissing(245))).toBe(140);
  });
});

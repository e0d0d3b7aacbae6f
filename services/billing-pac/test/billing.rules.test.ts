import { describe, expect, it } from "vitest";
import { paymentStatus } from "../src/contribution/contribution.status.js";
import { liquidate } from "../src/contribution/liquidation.js";
import { ageDebts, agingBucket, withholdingYear } from "../src/pac/pac.rules.js";
import { cufeOf, invoiceNumber } from "../src/pac/invoice.run.js";

// 2026: SMMLV $1,750,905 (Decreto 0159 de 2026), UVT $52,374.
describe("liquidación de aportes", () => {
  it("gives the domain's figures for an independent earning 5,000,000 a month", () => {
    expect(liquidate("INDEPENDIENTE", 5_000_000, 2026)).toMatchObject({ ibc: 2_000_000, total: 250_000, employerShare: 0, workerShare: 250_000, floorApplied: false, ceilingApplied: false });
  });

  it("splits a dependent's 12.5 % into 8.5 % and 4 %, in whole pesos rounded up to $100", () => {
    expect(liquidate("DEPENDIENTE", 4_800_000, 2026)).toMatchObject({ ibc: 4_800_000, employerShare: 408_000, workerShare: 192_000, total: 600_000 });
    expect(liquidate("DEPENDIENTE", 2_345_678, 2026)).toMatchObject({ total: 293_300, employerShare: 199_400, workerShare: 93_900 });
    // The total is 12.5 % rounded once: at 1 SMMLV, $218,863.13 → $218,900 (not the two shares rounded apart, $219,000).
    expect(liquidate("DEPENDIENTE", 1_750_905, 2026)).toMatchObject({ total: 218_900, workerShare: 70_100, employerShare: 148_800 });
  });

  it("raises the IBC to 1 SMMLV and caps it at 25 SMMLV", () => {
    expect(liquidate("INDEPENDIENTE", 3_000_000, 2026)).toMatchObject({ ibc: 1_750_905, floorApplied: true });
    expect(liquidate("DEPENDIENTE", 1_000_000, 2026)).toMatchObject({ ibc: 1_750_905, floorApplied: true });
    expect(liquidate("DEPENDIENTE", 60_000_000, 2026)).toMatchObject({ ibc: 43_772_625, ceilingApplied: true });
    // Exactly at the bounds: neither flag.
    expect(liquidate("DEPENDIENTE", 1_750_905, 2026)).toMatchObject({ floorApplied: false, ceilingApplied: false });
    expect(liquidate("DEPENDIENTE", 43_772_625, 2026)).toMatchObject({ floorApplied: false, ceilingApplied: false });
  });

  it("uses each year's minimum wage, and names the norm and its status", () => {
    expect(liquidate("INDEPENDIENTE", 3_000_000, 2025)).toMatchObject({ ibc: 1_423_500 });
    expect(liquidate("INDEPENDIENTE", 3_000_000, 2026).smmlv).toMatchObject({ value: 1_750_905, status: "VIGENTE_EN_DISPUTA" });
    expect(() => liquidate("INDEPENDIENTE", 3_000_000, 1999)).toThrow(/1999/);
  });
});

describe("paz y salvo and the suspension rule", () => {
  const unpaid = (period: string, deductedNotPaid = false) => ({ period, dueDate: `${period}-28`, deductedNotPaid });

  it("is paz y salvo with no unpaid period, up to date since the last payment", () => {
    expect(paymentStatus([], "2026-11-20", true)).toEqual({ standing: "AL_DIA", pazYSalvo: true, since: "2026-11-20", unpaidPeriods: [], consecutiveUnpaid: 0, suspension: "NO_APLICA" });
  });

  it("is in arrears with one unpaid period, without suspension", () => {
    expect(paymentStatus([unpaid("2026-05")], "2026-11-20", true)).toMatchObject({ standing: "EN_MORA", pazYSalvo: false, since: "2026-05-28", consecutiveUnpaid: 1, suspension: "NO_APLICA" });
  });

  it("applies suspension after two consecutive unpaid periods, not after two apart", () => {
    expect(paymentStatus([unpaid("2026-09"), unpaid("2026-10")], null, true)).toMatchObject({ consecutiveUnpaid: 2, suspension: "APLICA" });
    expect(paymentStatus([unpaid("2026-03"), unpaid("2026-10")], null, true)).toMatchObject({ consecutiveUnpaid: 1, suspension: "NO_APLICA" });
    // December to January is consecutive.
    expect(paymentStatus([unpaid("2025-12"), unpaid("2026-01")], null, true)).toMatchObject({ consecutiveUnpaid: 2, suspension: "APLICA" });
  });

  it("protects a worker whose employer deducted and did not pay (Ley 789 de 2002)", () => {
    expect(paymentStatus([unpaid("2026-09", true), unpaid("2026-10", true)], null, true)).toMatchObject({ suspension: "NO_APLICA_EMPLEADOR_DESCONTO", pazYSalvo: false });
    expect(paymentStatus([unpaid("2026-08", true), unpaid("2026-09", false), unpaid("2026-10", false)], null, true)).toMatchObject({ suspension: "APLICA" });
    // Periods the employer deducted never count against the worker, even mixed into a run.
    expect(paymentStatus([unpaid("2026-08", false), unpaid("2026-09", true), unpaid("2026-10", true)], null, true)).toMatchObject({ suspension: "NO_APLICA_EMPLEADOR_DESCONTO", consecutiveUnpaid: 3 });
    expect(paymentStatus([unpaid("2026-08", false), unpaid("2026-09", true), unpaid("2026-10", false)], null, true)).toMatchObject({ suspension: "NO_APLICA_EMPLEADOR_DESCONTO" });
  });

  it("says so for someone with no contributions (a beneficiary does not contribute)", () => {
    expect(paymentStatus([], null, false)).toMatchObject({ standing: "SIN_APORTES", pazYSalvo: false });
  });
});

describe("cartera by age, and the retención PAC figure", () => {
  it("puts each debt in its bucket by days past due (not yet due: none)", () => {
    const today = "2026-11-30";
    expect(agingBucket("2026-11-30", today)).toBeNull();
    expect(agingBucket("2026-11-29", today)).toBe("0-30");
    expect(agingBucket("2026-10-31", today)).toBe("0-30");
    expect(agingBucket("2026-10-30", today)).toBe("31-60");
    expect(agingBucket("2026-09-01", today)).toBe("61-90");
    expect(agingBucket("2026-08-31", today)).toBe("90+");
    const rows = ageDebts([{ amount: 100, dueDate: "2026-11-01" }, { amount: 50, dueDate: "2026-11-02" }, { amount: 7, dueDate: "2025-01-01" }], today);
    expect(rows).toEqual([
      { bucket: "0-30", count: 2, amount: 150 },
      { bucket: "31-60", count: 0, amount: 0 },
      { bucket: "61-90", count: 0, amount: 0 },
      { bucket: "90+", count: 1, amount: 7 },
    ]);
  });

  it("caps each month's deductible PAC payments at 16 UVT", () => {
    const year = withholdingYear(2026, [
      { paidOn: "2026-01-10", amount: 500_000 },
      { paidOn: "2026-01-25", amount: 500_000 },
      { paidOn: "2026-02-10", amount: 267_000 },
      { paidOn: "2025-12-31", amount: 999_999 },
    ]);
    expect(year.monthlyCap).toBe(837_984);
    expect(year.months[0]).toEqual({ month: 1, paid: 1_000_000, deductible: 837_984 });
    expect(year.months[1]).toEqual({ month: 2, paid: 267_000, deductible: 267_000 });
    expect(year).toMatchObject({ paid: 1_267_000, deductible: 1_104_984 });
  });
});

describe("invoice numbers and CUFE", () => {
  it("numbers with the prefix and a seven-digit consecutive, and the CUFE changes with any field", () => {
    expect(invoiceNumber("FEPA", 123)).toBe("FEPA-0000123");
    const invoice = { _id: "FEPA-0000123", issuedOn: "2026-11-01", amount: 267_000, holderId: "m1" };
    expect(cufeOf(invoice, "key")).toMatch(/^[0-9a-f]{96}$/);
    expect(cufeOf({ ...invoice, amount: 267_001 }, "key")).not.toBe(cufeOf(invoice, "key"));
  });
});

import { describe, expect, it } from "vitest";
import { ChargeKind, memberCharge, type ChargeFacts } from "../src/copay/copay.rules.js";

// 2026: UVT $52,374 (table of legal figures). Cuotas moderadoras 0.1 / 0.4 / 1.05 UVT, rounded to $100.
const base: ChargeFacts = { regime: "CONTRIBUTIVO", memberType: "BENEFICIARIO", incomeBand: "RANGO_1", sisbenGroup: null, specialProtection: [], payer: "EPS", kind: "CONSULTA", on: "2026-06-01" };

describe("co-payment and moderating fee", () => {
  it("charges the cuota moderadora of the income band for a consultation", () => {
    expect(memberCharge(base)).toMatchObject({ kind: ChargeKind.CUOTA_MODERADORA, amount: 5_200 });
    expect(memberCharge({ ...base, incomeBand: "RANGO_2" }).amount).toBe(20_900);
    expect(memberCharge({ ...base, incomeBand: "RANGO_3", memberType: "COTIZANTE" }).amount).toBe(55_000);
  });

  it("charges beneficiaries a copago with its caps for a procedure; cotizantes pay none", () => {
    expect(memberCharge({ ...base, kind: "CIRUGIA" })).toMatchObject({ kind: ChargeKind.COPAGO, rate: 0.115, capPerEvent: 382_300, capPerYear: 764_700 });
    expect(memberCharge({ ...base, kind: "CIRUGIA", memberType: "COTIZANTE" }).kind).toBe(ChargeKind.EXENTO);
  });

  it("charges nothing when the ARL or the SOAT pays, or for an exempt population", () => {
    expect(memberCharge({ ...base, payer: "ARL" }).kind).toBe(ChargeKind.EXENTO);
    expect(memberCharge({ ...base, payer: "SOAT", kind: "CIRUGIA" }).kind).toBe(ChargeKind.EXENTO);
    expect(memberCharge({ ...base, specialProtection: ["VICTIMA_CONFLICTO"] }).kind).toBe(ChargeKind.EXENTO);
  });

  it("charges no cuota moderadora in the subsidiado, and a copago only outside SISBEN A and B", () => {
    const subsidiado = { ...base, regime: "SUBSIDIADO", incomeBand: null };
    expect(memberCharge({ ...subsidiado, sisbenGroup: "C4" }).kind).toBe(ChargeKind.EXENTO);
    expect(memberCharge({ ...subsidiado, sisbenGroup: "A2", kind: "PROCEDIMIENTO" }).kind).toBe(ChargeKind.EXENTO);
    expect(memberCharge({ ...subsidiado, sisbenGroup: "C4", kind: "PROCEDIMIENTO" })).toMatchObject({ kind: ChargeKind.COPAGO, rate: 0.1 });
  });

  it("never refuses an approval for a year whose UVT is not recorded yet: the latest one, said in the reason", () => {
    const charge = memberCharge({ ...base, on: "2099-02-01" });
    expect(charge).toMatchObject({ kind: ChargeKind.CUOTA_MODERADORA, amount: 5_200 });
    expect(charge.reason).toMatch(/UVT de 2026: falta registrar la de 2099/);
  });

  it("refuses a date no table covers rather than guessing", () => {
    expect(() => memberCharge({ ...base, on: "2019-01-01" })).toThrow(/No co-payment table/);
  });
});

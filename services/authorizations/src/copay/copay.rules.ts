import { figuresForYear } from "@sos/kit";
import { registerEnumType } from "type-graphql";
import type { CupsKind } from "../catalog/cups.data.js";
import { copayTableOn, type CopayTable } from "./copay.table.js";

export enum ChargeKind {
  CUOTA_MODERADORA = "CUOTA_MODERADORA",
  COPAGO = "COPAGO",
  EXENTO = "EXENTO",
}
registerEnumType(ChargeKind, {
  name: "ChargeKind",
  description: "Lo que el afiliado paga al usar un servicio autorizado",
  valuesConfig: {
    CUOTA_MODERADORA: { description: "Cuota moderadora: valor fijo por consulta o servicio ambulatorio" },
    COPAGO: { description: "Copago: porcentaje del valor del servicio, con topes por evento y por año (solo beneficiarios)" },
    EXENTO: { description: "No paga" },
  },
});

/** What the member pays for one approved item (the copago's peso amount depends on the clinic's bill). */
export interface MemberCharge {
  kind: ChargeKind;
  /** Cuota moderadora in pesos. */
  amount: number | null;
  /** Copago: share of the service's value. */
  rate: number | null;
  capPerEvent: number | null;
  capPerYear: number | null;
  /** Why, in Spanish: the rule applied. */
  reason: string;
  norm: string;
}

export interface ChargeFacts {
  regime: string;
  memberType: string;
  incomeBand: string | null;
  sisbenGroup: string | null;
  specialProtection: readonly string[];
  /** Who pays the service: the EPS, or the ARL / SOAT (then nothing is charged by the EPS). */
  payer: string;
  kind: CupsKind;
  /** "YYYY-MM-DD": the table in force that day applies. */
  on: string;
}

/** Consultations and simple ambulatory services carry the cuota moderadora; the rest, the copago. */
const MODERATED: readonly CupsKind[] = ["CONSULTA", "LABORATORIO", "IMAGEN", "TERAPIA", "URGENCIAS"];

const pesos = (uvt: number, uvtValue: number): number => Math.round((uvt * uvtValue) / 100) * 100;

const exempt = (reason: string, table: CopayTable): MemberCharge => ({ kind: ChargeKind.EXENTO, amount: null, rate: null, capPerEvent: null, capPerYear: null, reason, norm: table.norm });

/** The charge for one item: régimen, member type and income band, from the table in force that day. */
export function memberCharge(facts: ChargeFacts): MemberCharge {
  const table = copayTableOn(facts.on);
  const uvt = figuresForYear(Number(facts.on.slice(0, 4))).uvt.value;
  if (facts.payer !== "EPS") return exempt(`Lo paga ${facts.payer}: la EPS no cobra cuota ni copago.`, table);
  const exemptBy = facts.specialProtection.find((population) => table.exemptPopulations.includes(population));
  if (exemptBy) return exempt(`Población exenta de cuotas y copagos (${exemptBy}).`, table);
  const moderated = MODERATED.includes(facts.kind);
  if (facts.regime === "SUBSIDIADO") {
    const { subsidiado } = table;
    if (moderated) return exempt("En el régimen subsidiado no se cobran cuotas moderadoras.", table);
    if (facts.sisbenGroup && subsidiado.exemptSisbenGroups.includes(facts.sisbenGroup[0] as string)) {
      return exempt(`Grupo SISBEN ${facts.sisbenGroup}: exento de copago.`, table);
    }
    return {
      kind: ChargeKind.COPAGO,
      amount: null,
      rate: subsidiado.copayRate,
      capPerEvent: pesos(subsidiado.copayCapPerEventUvt, uvt),
      capPerYear: pesos(subsidiado.copayCapPerYearUvt, uvt),
      reason: "Copago del régimen subsidiado.",
      norm: table.norm,
    };
  }
  const band = table.contributivo[(facts.incomeBand ?? "RANGO_1") as keyof CopayTable["contributivo"]];
  const bandName = (facts.incomeBand ?? "RANGO_1").replace("_", " ").toLowerCase();
  if (moderated) {
    return { kind: ChargeKind.CUOTA_MODERADORA, amount: pesos(band.moderatingFeeUvt, uvt), rate: null, capPerEvent: null, capPerYear: null, reason: `Cuota moderadora del ${bandName}.`, norm: table.norm };
  }
  if (facts.memberType === "COTIZANTE") return exempt("Los cotizantes no pagan copago.", table);
  return {
    kind: ChargeKind.COPAGO,
    amount: null,
    rate: band.copayRate,
    capPerEvent: pesos(band.copayCapPerEventUvt, uvt),
    capPerYear: pesos(band.copayCapPerYearUvt, uvt),
    reason: `Copago del ${bandName} para beneficiarios.`,
    norm: table.norm,
  };
}

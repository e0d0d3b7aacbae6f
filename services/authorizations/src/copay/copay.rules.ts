import { YEARLY_FIGURES, figuresForYear } from "@sos/kit";
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

/**
 * The year's UVT; until the year's figures are recorded (the DIAN publishes them in the last weeks of
 * the year before), the latest recorded year's, and the charge says so: an approval is never refused for it.
 */
function uvtFor(year: number): { value: number; note: string } {
  try {
    return { value: figuresForYear(year).uvt.value, note: "" };
  } catch {
    const latest = [...YEARLY_FIGURES].sort((a, b) => b.year - a.year).find((row) => row.year < year);
    if (!latest) throw new Error(`No UVT recorded for ${year} or before`);
    return { value: latest.uvt.value, note: ` Calculado con la UVT de ${latest.year}: falta registrar la de ${year}.` };
  }
}

const exempt = (reason: string, table: CopayTable): MemberCharge => ({ kind: ChargeKind.EXENTO, amount: null, rate: null, capPerEvent: null, capPerYear: null, reason, norm: table.norm });

/** The charge for one item: régimen, member type and income band, from the table in force that day. */
export function memberCharge(facts: ChargeFacts): MemberCharge {
  const table = copayTableOn(facts.on);
  // Only a charge in pesos needs the year's UVT: exemptions never wait for it.
  const uvtOf = () => uvtFor(Number(facts.on.slice(0, 4)));
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
      capPerEvent: pesos(subsidiado.copayCapPerEventUvt, uvtOf().value),
      capPerYear: pesos(subsidiado.copayCapPerYearUvt, uvtOf().value),
      reason: `Copago del régimen subsidiado.${uvtOf().note}`,
      norm: table.norm,
    };
  }
  const band = table.contributivo[(facts.incomeBand ?? "RANGO_1") as keyof CopayTable["contributivo"]];
  // A cotizante without a recorded band is charged band 1, the lowest, and the charge says so.
  const bandName = facts.incomeBand ? facts.incomeBand.replace("_", " ").toLowerCase() : "rango 1 (el afiliado no tiene rango de ingreso registrado)";
  if (moderated) {
    return { kind: ChargeKind.CUOTA_MODERADORA, amount: pesos(band.moderatingFeeUvt, uvtOf().value), rate: null, capPerEvent: null, capPerYear: null, reason: `Cuota moderadora del ${bandName}.${uvtOf().note}`, norm: table.norm };
  }
  if (facts.memberType === "COTIZANTE") return exempt("Los cotizantes no pagan copago.", table);
  return {
    kind: ChargeKind.COPAGO,
    amount: null,
    rate: band.copayRate,
    capPerEvent: pesos(band.copayCapPerEventUvt, uvtOf().value),
    capPerYear: pesos(band.copayCapPerYearUvt, uvtOf().value),
    reason: `Copago del ${bandName} para beneficiarios.${uvtOf().note}`,
    norm: table.norm,
  };
}

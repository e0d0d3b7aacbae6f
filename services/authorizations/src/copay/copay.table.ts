import { NormStatus } from "@sos/kit";

/**
 * Cuotas moderadoras and copagos, dated and configurable: a new year or norm is a new row, never a literal
 * in code. Amounts are in UVT (the Ministry fixes them so since Decreto 1652 of 2022), turned into pesos
 * with the year's UVT from the table of legal figures. Figures marked POR_VERIFICAR come from public
 * sources not yet checked against the norm.
 */
export interface BandCharges {
  /** Cuota moderadora per consultation or ambulatory service, in UVT. */
  moderatingFeeUvt: number;
  /** Copago: share of the service's value a beneficiary pays. */
  copayRate: number;
  /** Most a beneficiary pays in copagos for one event, and in a calendar year, in UVT. */
  copayCapPerEventUvt: number;
  copayCapPerYearUvt: number;
}

export interface CopayTable {
  from: string;
  norm: string;
  status: NormStatus;
  /** Contributivo, by the cotizante's income band. */
  contributivo: Readonly<Record<"RANGO_1" | "RANGO_2" | "RANGO_3", BandCharges>>;
  /** Subsidiado: no cuota moderadora; a copago for the SISBEN groups not exempt. */
  subsidiado: { copayRate: number; copayCapPerEventUvt: number; copayCapPerYearUvt: number; exemptSisbenGroups: readonly string[] };
  /** Populations that pay neither (victims of the armed conflict, indigenous peoples, ...). */
  exemptPopulations: readonly string[];
}

export const COPAY_TABLES: readonly CopayTable[] = [
  {
    from: "2023-01-01",
    norm: "Acuerdo 260 de 2004 (CNSSS), Decreto 1652 de 2022 (valores en UVT), Circular del Ministerio de Salud",
    status: NormStatus.POR_VERIFICAR,
    contributivo: {
      RANGO_1: { moderatingFeeUvt: 0.1, copayRate: 0.115, copayCapPerEventUvt: 7.3, copayCapPerYearUvt: 14.6 },
      RANGO_2: { moderatingFeeUvt: 0.4, copayRate: 0.173, copayCapPerEventUvt: 29.25, copayCapPerYearUvt: 58.5 },
      RANGO_3: { moderatingFeeUvt: 1.05, copayRate: 0.23, copayCapPerEventUvt: 58.5, copayCapPerYearUvt: 117 },
    },
    subsidiado: { copayRate: 0.1, copayCapPerEventUvt: 7.3, copayCapPerYearUvt: 14.6, exemptSisbenGroups: ["A", "B"] },
    exemptPopulations: ["VICTIMA_CONFLICTO", "INDIGENA", "ENFERMEDAD_HUERFANA", "CANCER", "DISCAPACIDAD", "GESTANTE"],
  },
];

/** The table in force on a date. */
export function copayTableOn(date: string, tables: readonly CopayTable[] = COPAY_TABLES): CopayTable {
  const table = [...tables].sort((a, b) => b.from.localeCompare(a.from)).find((row) => date >= row.from);
  if (!table) throw new Error(`No co-payment table is in force on ${date}`);
  return table;
}

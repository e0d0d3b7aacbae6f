/**
 * The yearly legal figures money rules depend on (minimum wage, UVT, transport allowance), dated and with
 * the norm that set each and its legal status, so a rule never carries a literal and a figure whose norm
 * is challenged says so. A new year is a new row; amounts are whole Colombian pesos.
 */
export const NormStatus = {
  /** In force, unchallenged. */
  VIGENTE: "VIGENTE",
  /** In force while a court decides (e.g. re-issued after a suspension). */
  VIGENTE_EN_DISPUTA: "VIGENTE_EN_DISPUTA",
  /** A figure taken from public sources not yet checked against the norm. */
  POR_VERIFICAR: "POR_VERIFICAR",
} as const;
export type NormStatus = (typeof NormStatus)[keyof typeof NormStatus];

export interface LegalFigure {
  /** Pesos. */
  value: number;
  norm: string;
  status: NormStatus;
  note?: string;
}

export interface YearlyFigures {
  year: number;
  /** Salario mínimo mensual legal vigente. */
  smmlv: LegalFigure;
  /** Auxilio de transporte. */
  transportAllowance: LegalFigure;
  /** Unidad de valor tributario (DIAN). */
  uvt: LegalFigure;
}

export const YEARLY_FIGURES: readonly YearlyFigures[] = [
  {
    year: 2025,
    smmlv: { value: 1_423_500, norm: "Decreto 1572 de 2024", status: NormStatus.VIGENTE },
    transportAllowance: { value: 200_000, norm: "Decreto 1573 de 2024", status: NormStatus.VIGENTE },
    uvt: { value: 49_799, norm: "Resolución DIAN 000193 de 2024", status: NormStatus.VIGENTE },
  },
  {
    year: 2026,
    smmlv: {
      value: 1_750_905,
      norm: "Decreto 0159 de 2026 (reexpide el Decreto 1469 de 2025)",
      status: NormStatus.VIGENTE_EN_DISPUTA,
      note: "El Consejo de Estado suspendió el Decreto 1469 de 2025 el 2026-02-12; reexpedido con el mismo valor, fallo de fondo pendiente.",
    },
    transportAllowance: { value: 249_095, norm: "Decreto del Gobierno Nacional (auxilio de transporte 2026)", status: NormStatus.POR_VERIFICAR, note: "Valor publicado; número del decreto por verificar." },
    uvt: { value: 52_374, norm: "Resolución DIAN (UVT 2026)", status: NormStatus.POR_VERIFICAR, note: "Valor publicado por la DIAN; número de la resolución por verificar." },
  },
];

/** The figures of a year; a year with no row is an error, never a silent fallback to another year's. */
export function figuresForYear(year: number, table: readonly YearlyFigures[] = YEARLY_FIGURES): YearlyFigures {
  const row = table.find((candidate) => candidate.year === year);
  if (!row) throw new Error(`No yearly figures (SMMLV, UVT) for ${year}: add the year's row to the table of legal figures.`);
  return row;
}

import type { Random } from "@sos/kit/seed";
import { AffiliationState, CotizanteKind, IncomeBand } from "./types.js";

// The population's proportions: what kind of cotizante heads a family group, how old they are, who lives
// with them and how their affiliation stands. Each draw takes the household generator's own Random, in
// the order it always drew them, so a seed gives the same people.

/** The head of a family group: a contributivo cotizante of some kind, or a subsidiado head. */
export type HeadKind = CotizanteKind | "SUBSIDIADO";

/** Who lives with the head: the beneficiaries the rules allow together. */
export type Shape = "ALONE" | "SPOUSE" | "SPOUSE_CHILDREN" | "CHILDREN" | "PARENTS";

/** SISBEN IV groups that may join the subsidiado (A and B weigh more: the poorest households). */
export const SISBEN_SUBSIDY_GROUPS: (readonly [string, number])[] = [
  ...[1, 2, 3, 4, 5].map((n) => [`A${n}`, 4] as const),
  ...[1, 2, 3, 4, 5, 6, 7].map((n) => [`B${n}`, 3] as const),
  ...Array.from({ length: 18 }, (_, i) => [`C${i + 1}`, 1] as const),
];

/**
 * A cotizante's income band, about 70 % / 22 % / 8 % as in the contributivo: drawn from the document
 * number's last digits rather than the generator, so adding it left every other seeded value as it was.
 */
export function incomeBandFor(documentNumber: string): IncomeBand {
  const draw = Number(documentNumber.slice(-2));
  return draw < 70 ? IncomeBand.RANGO_1 : draw < 92 ? IncomeBand.RANGO_2 : IncomeBand.RANGO_3;
}

export function drawHeadKind(rng: Random): HeadKind {
  return rng.weighted<HeadKind>([
    [CotizanteKind.DEPENDIENTE, 60],
    [CotizanteKind.INDEPENDIENTE, 12],
    [CotizanteKind.PENSIONADO, 8],
    ["SUBSIDIADO", 20],
  ]);
}

export function drawHeadAge(rng: Random, kind: HeadKind): number {
  // The mean of two uniforms: ages bunch in the middle of each range, as in a real population.
  const between = (min: number, max: number) => Math.round((rng.int(min, max) + rng.int(min, max)) / 2);
  switch (kind) {
    case CotizanteKind.DEPENDIENTE:
      return between(19, 62);
    case CotizanteKind.INDEPENDIENTE:
      return between(22, 70);
    case CotizanteKind.PENSIONADO:
      return between(57, 88);
    case "SUBSIDIADO":
      return between(18, 80);
  }
}

export function drawShape(rng: Random, kind: HeadKind, headAge: number): Shape {
  if (kind === CotizanteKind.PENSIONADO) {
    return rng.weighted<Shape>([
      ["ALONE", 45],
      ["SPOUSE", 45],
      ["CHILDREN", 10],
    ]);
  }
  return rng.weighted<Shape>([
    ["ALONE", 35],
    ["SPOUSE", 12],
    ["SPOUSE_CHILDREN", headAge <= 68 ? 28 : 0],
    ["CHILDREN", headAge <= 68 ? 15 : 0],
    ["PARENTS", headAge <= 50 ? 7 : 0],
  ]);
}

export function drawHeadState(rng: Random, kind: HeadKind): AffiliationState {
  const { ACTIVO, SUSPENDIDO, RETIRADO, PROTECCION_LABORAL, AFILIADO_FALLECIDO } = AffiliationState;
  switch (kind) {
    case CotizanteKind.DEPENDIENTE:
      return rng.weighted<AffiliationState>([
        [ACTIVO, 86],
        [SUSPENDIDO, 4],
        [RETIRADO, 4],
        [PROTECCION_LABORAL, 5],
        [AFILIADO_FALLECIDO, 1],
      ]);
    case CotizanteKind.INDEPENDIENTE:
      return rng.weighted<AffiliationState>([
        [ACTIVO, 82],
        [SUSPENDIDO, 10],
        [RETIRADO, 6],
        [AFILIADO_FALLECIDO, 2],
      ]);
    case CotizanteKind.PENSIONADO:
      return rng.weighted<AffiliationState>([
        [ACTIVO, 92],
        [RETIRADO, 2],
        [AFILIADO_FALLECIDO, 6],
      ]);
    case "SUBSIDIADO":
      return rng.weighted<AffiliationState>([
        [ACTIVO, 90],
        [RETIRADO, 8],
        [AFILIADO_FALLECIDO, 2],
      ]);
  }
}

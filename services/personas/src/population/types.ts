import type { DocumentType } from "@sos/kit";

// What the synthetic population is made of, as plain strings: every subgraph's seed reads these people
// (who is a cotizante, of which employer, in which income band) without depending on affiliation's
// GraphQL enums. Each value is spelled as affiliation's enum of the same name spells it.

/** A const object and a union of its values under one name: `Regime.SUBSIDIADO` and `Regime`. */
type ValueOf<T> = T[keyof T];

export const Regime = { CONTRIBUTIVO: "CONTRIBUTIVO", SUBSIDIADO: "SUBSIDIADO" } as const;
export type Regime = ValueOf<typeof Regime>;

/** Only cotizantes and beneficiaries: the population has no afiliados adicionales. */
export const MemberType = { COTIZANTE: "COTIZANTE", BENEFICIARIO: "BENEFICIARIO" } as const;
export type MemberType = ValueOf<typeof MemberType>;

export const CotizanteKind = { DEPENDIENTE: "DEPENDIENTE", INDEPENDIENTE: "INDEPENDIENTE", PENSIONADO: "PENSIONADO" } as const;
export type CotizanteKind = ValueOf<typeof CotizanteKind>;

export const AffiliationState = {
  ACTIVO: "ACTIVO",
  SUSPENDIDO: "SUSPENDIDO",
  RETIRADO: "RETIRADO",
  PROTECCION_LABORAL: "PROTECCION_LABORAL",
  AFILIADO_FALLECIDO: "AFILIADO_FALLECIDO",
} as const;
export type AffiliationState = ValueOf<typeof AffiliationState>;

/** Only the two the generator draws: no synthetic person is registered INDETERMINADO. */
export const Sex = { FEMENINO: "FEMENINO", MASCULINO: "MASCULINO" } as const;
export type Sex = ValueOf<typeof Sex>;

/** A beneficiary's relationship to their cotizante. */
export const Relationship = { CONYUGE_COMPANERO: "CONYUGE_COMPANERO", HIJO: "HIJO", PADRE_MADRE: "PADRE_MADRE" } as const;
export type Relationship = ValueOf<typeof Relationship>;

/** A contributivo cotizante's IBC band: under 2, 2 to 5, over 5 SMMLV (it sets co-payments). */
export const IncomeBand = { RANGO_1: "RANGO_1", RANGO_2: "RANGO_2", RANGO_3: "RANGO_3" } as const;
export type IncomeBand = ValueOf<typeof IncomeBand>;

export interface SyntheticContact {
  email: string | null;
  mobile: string | null;
  landline: string | null;
  address: string | null;
}

export interface SyntheticIpsAssignment {
  /** REPS habilitation code of the primary-care clinic. */
  ipsCode: string;
  since: Date;
  /** SEED_CHANGED_BY for every seeded assignment. */
  changedBy: string;
}

/** One synthetic person and their affiliation: what affiliation stores, less its own bookkeeping. */
export interface SyntheticMember {
  /** A persona's fixed id (PERSONA_FAMILY_IDS) or syntheticMemberId(n) for the n-th generated member. */
  _id: string;
  /** The national document for their age on `today` (RC, TI or CC). */
  documentType: DocumentType;
  documentNumber: string;
  firstName: string;
  middleName: string | null;
  firstSurname: string;
  secondSurname: string | null;
  /** "YYYY-MM-DD". */
  birthDate: string;
  sex: Sex;
  contact: SyntheticContact;
  /** DANE code where they live (their cotizante's, for a beneficiary). */
  municipalityCode: string;
  regime: Regime;
  memberType: MemberType;
  /** On a contributivo cotizante; null for a subsidiado head and for beneficiaries. */
  cotizanteKind: CotizanteKind | null;
  state: AffiliationState;
  /** "YYYY-MM-DD". */
  affiliationDate: string;
  /** SISBEN A1 to C18 in the subsidiado, null in the contributivo. */
  sisbenGroup: string | null;
  /** On a contributivo cotizante only: beneficiaries take their cotizante's. */
  incomeBand: IncomeBand | null;
  primaryIpsCode: string;
  /** Oldest first; the last one is primaryIpsCode. */
  primaryIpsHistory: SyntheticIpsAssignment[];
  /** On a cotizante dependiente: their employer's NIT (9 digits, no check digit). */
  employerNit: string | null;
  /** On a beneficiary: their cotizante's id. */
  cotizanteId: string | null;
  relationship: Relationship | null;
  permanentDisability: boolean;
  economicDependent: boolean;
  seeded: true;
}

export interface SyntheticEmployer {
  /** The NIT's 9 digits, without check digit. */
  _id: string;
  name: string;
  municipalityCode: string;
  /** The payroll contact's e-mail, as the employer registered it with the EPS (where its account codes go). */
  contactEmail: string;
  seeded: true;
}

import type { Viewer } from "@sos/kit/auth";

/**
 * The synthetic people of the graph, defined once: every subgraph seeds its records about these same
 * people, the dev token script signs for them (`npm run token -- member`) and the tests use them. Fixed
 * ids, so a token printed today still names the same person after the databases are re-seeded.
 */
export const PERSONA_IDS = {
  /** María Fernanda Valencia Muñoz, cotizante dependiente in Cali with a spouse and two children. */
  member: "5e05a0000000000000000001",
  /** Her spouse: a beneficiary, who sees only themself. */
  beneficiary: "5e05a0000000000000000002",
  /** A cotizante of another family, for "cannot read another family" checks. */
  otherMember: "5e05a0000000000000000010",
} as const;

/** Synthetic employer (valid check digit 900123456-8), María Fernanda's employer. */
export const PERSONA_EMPLOYER_NIT = "900123456";
/** Synthetic IPS in Cali: DANE 76001, consecutive 00001, sede 01. María Fernanda's primary IPS. */
export const PERSONA_IPS_CODE = "760010000101";

export const PERSONAS: Readonly<Record<string, Viewer>> = {
  member: { subject: "user-member-0001", role: "MEMBER", memberId: PERSONA_IDS.member },
  beneficiary: { subject: "user-member-0002", role: "MEMBER", memberId: PERSONA_IDS.beneficiary },
  employer: { subject: "user-employer-0001", role: "EMPLOYER", employerNit: PERSONA_EMPLOYER_NIT },
  ips: { subject: "user-ips-0001", role: "IPS", ipsCode: PERSONA_IPS_CODE },
  agent: { subject: "user-agent-0001", role: "AGENT" },
  analyst: { subject: "user-analyst-0001", role: "ANALYST" },
};

/** The personas' whole families (PERSONA_IDS plus the children and the other family's beneficiary). */
export const PERSONA_FAMILY_IDS = {
  ...PERSONA_IDS,
  /** María Fernanda's son, about 12 (TI). */
  olderChild: "5e05a0000000000000000003",
  /** María Fernanda's daughter, about 4 (RC). */
  youngerChild: "5e05a0000000000000000004",
  /** The other cotizante's spouse. */
  otherBeneficiary: "5e05a0000000000000000011",
} as const;

/** Every persona id starts so; generated members never do. */
export const PERSONA_ID_PREFIX = "5e05a0";

/** Network clinics the tests and the dev stack rely on, fixed whatever the seed. */
export const SEED_IPS = {
  /** IPS Samán del Valle, Cali, active primary care: María Fernanda's primary IPS. */
  personaPrimary: PERSONA_IPS_CODE,
  /** Another active primary-care IPS in Cali: a valid "change primary IPS" target for the personas. */
  caliAlternative: "760010000201",
  /** A primary-care IPS in Cali whose contract ended: an invalid target. */
  caliInactive: "760010000301",
  /** An active specialised (non primary-care) IPS in Cali: an invalid target. */
  caliSpecialised: "760010000401",
  /** An active primary-care IPS in Palmira: invalid for a Cali member (other municipality). */
  otherMunicipality: "765200000101",
} as const;


/** How many members the personas' families are: a seed of N members generates N minus these. */
export const PERSONA_MEMBER_COUNT = Object.keys(PERSONA_FAMILY_IDS).length;

/**
 * The id of the n-th generated (non-persona) member, 0-based. buildPopulation gives its generated members
 * these ids in order (and affiliation stores them so), so every other subgraph seeds its records about the
 * same people without reading affiliation's database: a seed of `total` members has the ids
 * syntheticMemberIds(total).
 */
export const syntheticMemberId = (n: number): string => `5eed${n.toString(16).padStart(20, "0")}`;

export function syntheticMemberIds(total: number): string[] {
  return Array.from({ length: Math.max(0, total - PERSONA_MEMBER_COUNT) }, (_, n) => syntheticMemberId(n));
}

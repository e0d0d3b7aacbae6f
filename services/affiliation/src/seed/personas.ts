import type { Viewer } from "@sos/kit";

/**
 * The seeded people the dev token script signs for (`npm run token -- member`). Fixed ids so a token
 * printed today still names the same person after the database is re-seeded.
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

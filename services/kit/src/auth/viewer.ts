/**
 * Who is asking. Built from a verified token, never from anything else the client sends.
 * The roles and what each may see are in docs/domain.md ("Who uses the graph").
 */
export const Role = {
  MEMBER: "MEMBER",
  EMPLOYER: "EMPLOYER",
  IPS: "IPS",
  AGENT: "AGENT",
  ANALYST: "ANALYST",
  /** Reads the access ledger (who read whose data); sees no member record itself. */
  AUDITOR: "AUDITOR",
  /** Manages accounts (staff, partner clinics' machine clients); sees no member record itself. */
  ADMIN: "ADMIN",
} as const;
export type Role = (typeof Role)[keyof typeof Role];

export const ROLES: readonly Role[] = Object.values(Role);

export interface Viewer {
  /** The token subject: the user account, stable across roles. */
  subject: string;
  role: Role;
  /** MEMBER: the afiliado's member id. */
  memberId?: string;
  /** EMPLOYER: the aportante's NIT (9 digits, no check digit). */
  employerNit?: string;
  /** IPS: the clinic's REPS habilitation code (12 digits). */
  ipsCode?: string;
}

/**
 * How a viewer relates to a member: what decides whether it may see a record about that member, in
 * every subgraph (docs/access.md). Only the affiliation subgraph knows family groups, employers and
 * primary clinics, so it computes these; the other subgraphs ask it, batched per request.
 */
export const MemberRelation = {
  /** The member themself. */
  SELF: "SELF",
  /** The cotizante of the member's family group: administrative data of the group. */
  COTIZANTE: "COTIZANTE",
  /** The cotizante of a minor of the group: the minor's clinical detail too. */
  CARER: "CARER",
  /** The aportante of a dependent cotizante: affiliation, contributions, incapacity dates and amounts. */
  EMPLOYER: "EMPLOYER",
  /** The member's primary clinic (its assigned patient). */
  PRIMARY_IPS: "PRIMARY_IPS",
  /** Call-centre or office staff: anyone, with a stated purpose, every access recorded. */
  AGENT: "AGENT",
  /**
   * A clinic the record itself names (it requested the authorization, it is addressed to it, the
   * prescription is routed to it): that record only, whoever the patient is. Decided by the subgraph that
   * keeps the record, from the record, never asked of affiliation.
   */
  CONCERNED_IPS: "CONCERNED_IPS",
} as const;
export type MemberRelation = (typeof MemberRelation)[keyof typeof MemberRelation];

export const MEMBER_RELATIONS: readonly MemberRelation[] = Object.values(MemberRelation);

/** Who sees what of a member's records, by kind of data (docs/domain.md, "Who uses the graph"). */
export const RecordAudience = {
  /** Administrative data (affiliation state, contributions, invoices): not the clinic. */
  ADMINISTRATIVE: [MemberRelation.SELF, MemberRelation.COTIZANTE, MemberRelation.EMPLOYER, MemberRelation.AGENT],
  /** Clinical detail (diagnoses, MIPRES, authorizations): the member, the carer of a minor, staff. */
  CLINICAL: [MemberRelation.SELF, MemberRelation.CARER, MemberRelation.AGENT],
  /** Clinical detail a clinic also needs for its own patient. */
  CLINICAL_WITH_PRIMARY_IPS: [MemberRelation.SELF, MemberRelation.CARER, MemberRelation.PRIMARY_IPS, MemberRelation.AGENT],
  /** Authorizations and prescriptions: the member, the carer of a minor, the clinics each record names, staff. */
  CLINICAL_WITH_CONCERNED_IPS: [MemberRelation.SELF, MemberRelation.CARER, MemberRelation.CONCERNED_IPS, MemberRelation.AGENT],
  /** The member's own matters (complaints, data requests): the member and staff. */
  PERSONAL: [MemberRelation.SELF, MemberRelation.AGENT],
} as const satisfies Record<string, readonly MemberRelation[]>;

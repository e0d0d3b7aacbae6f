import { forbidden, guardField, recordAccess, requirePurpose, type BaseContext, type Viewer } from "@sos/kit";
import { AffiliationState } from "./member.enums.js";
import type { MemberDoc } from "./member.model.js";

/**
 * How a viewer relates to a member, which decides what it may see (docs/domain.md, "Who uses the graph"):
 * - SELF: the member themself;
 * - COTIZANTE: the cotizante of the member's family group (administrative data of the group);
 * - AGENT: call-centre or office staff, any member, every access audited with a stated purpose;
 * - EMPLOYER: the aportante of a dependent cotizante;
 * - IPS: the member's primary IPS (its assigned patient);
 * - NONE: nothing. An analyst is always NONE here (aggregates only), as are auditors (the ledger) and
 *   administrators (accounts).
 */
export type MemberAccess = "SELF" | "COTIZANTE" | "AGENT" | "EMPLOYER" | "IPS" | "NONE";

type MemberRef = Pick<MemberDoc, "_id" | "cotizanteId" | "employerNit" | "primaryIpsCode" | "state">;

/** Members who have left the family group: their former cotizante no longer sees them. */
export const LEFT_GROUP_STATES: readonly AffiliationState[] = [AffiliationState.RETIRADO, AffiliationState.AFILIADO_FALLECIDO];

export function accessTo(viewer: Viewer | null, member: MemberRef): MemberAccess {
  if (!viewer) return "NONE";
  switch (viewer.role) {
    case "MEMBER":
      if (viewer.memberId === member._id) return "SELF";
      return member.cotizanteId && viewer.memberId === member.cotizanteId && !LEFT_GROUP_STATES.includes(member.state) ? "COTIZANTE" : "NONE";
    case "AGENT":
      return "AGENT";
    case "EMPLOYER":
      return member.employerNit && viewer.employerNit === member.employerNit ? "EMPLOYER" : "NONE";
    case "IPS":
      return viewer.ipsCode === member.primaryIpsCode ? "IPS" : "NONE";
    case "ANALYST":
    case "AUDITOR":
    case "ADMIN":
      return "NONE";
  }
}


/**
 * A member looked up by a caller-supplied key. Only an agent, who may see anyone, learns that the key
 * matches nobody (null); anyone else gets the same FORBIDDEN for "not yours" and "not there".
 */
export function foundMember(ctx: BaseContext, member: MemberDoc | null): MemberDoc | null {
  if (member) return authorizeMember(ctx, member);
  if (ctx.viewer?.role === "AGENT") return null;
  throw forbidden("No tiene permiso para consultar este afiliado.");
}

/**
 * The one gate every Member passes before it is handed out (queries, lists, entity references): refuses
 * a viewer with no relation to the member, requires an agent's purpose, and records every read of
 * another person's record in the access ledger.
 */
export function authorizeMember(ctx: BaseContext, member: MemberDoc): MemberDoc {
  const access = accessTo(ctx.viewer, member);
  if (access === "NONE") throw forbidden("No tiene permiso para consultar este afiliado.");
  if (access === "AGENT") requirePurpose(ctx);
  // Anyone reading another person's record (agent, clinic, employer, cotizante) is in the access ledger.
  if (access !== "SELF") recordAccess(ctx, "MEMBER_READ", member._id);
  return member;
}

// Named as the audiences of schema/access-policy.yaml, which states these same sets for the walk.
/** Who sees identity and affiliation state: anyone with a relation to the member. */
export const ANY_RELATION: MemberAccess[] = ["SELF", "COTIZANTE", "AGENT", "EMPLOYER", "IPS"];
/** Personal data (birth date, sex, contact): not the employer, who has its own payroll records. */
export const PERSONAL_DATA: MemberAccess[] = ["SELF", "COTIZANTE", "AGENT", "IPS"];
/** Administrative detail of the affiliation (SISBEN, IPS history): the member, their cotizante, agents. */
export const AFFILIATION_DETAIL: MemberAccess[] = ["SELF", "COTIZANTE", "AGENT"];

/**
 * Field-level guard: the field answers FORBIDDEN (and null) unless the viewer's relation to this member
 * is one of `allowed`. Every Member field carries one, so no path can reveal more than the table allows.
 */
export const VisibleTo = (allowed: MemberAccess[]): MethodDecorator & PropertyDecorator =>
  guardField<MemberDoc, BaseContext>((member, ctx) => allowed.includes(accessTo(ctx.viewer, member)), "No tiene permiso para consultar este dato del afiliado.");

import { MemberRelation, authorizeMemberRecord, badUserInput, forbidden, notYours } from "@sos/kit";
import type { Context } from "../context.js";
import { memberProfile, type MemberProfile } from "../member/member.profile.js";
import type { IncapacityDoc } from "./incapacity.model.js";

/**
 * Who sees an incapacity (docs/incapacities.md): the member, the employer that filed it (dates, days,
 * payer, amounts — never the diagnosis), agents with a purpose. Its detail is health data: every read is
 * written to the ledger.
 */
export const INCAPACITY_POLICY = { allowed: [MemberRelation.SELF, MemberRelation.EMPLOYER, MemberRelation.AGENT], action: "INCAPACITY_READ", sensitive: true } as const;

export async function authorizedIncapacity(ctx: Context, incapacity: IncapacityDoc | null, action: string = INCAPACITY_POLICY.action): Promise<IncapacityDoc> {
  if (!incapacity) throw notYours();
  const relation = await authorizeMemberRecord(ctx, incapacity.memberId, { ...INCAPACITY_POLICY, action });
  // An employer sees what it filed as aportante, not what another employer filed for the same worker.
  if (relation === MemberRelation.EMPLOYER && incapacity.employerNit !== ctx.viewer?.employerNit) throw notYours();
  return incapacity;
}

export function incapacityWritten(ctx: Context, incapacity: IncapacityDoc): IncapacityDoc {
  ctx.loaders.incapacityByNumber.clear(incapacity._id).prime(incapacity._id, incapacity);
  ctx.loaders.incapacitiesOfMember.clear(incapacity.memberId);
  return incapacity;
}

/**
 * Who may file an incapacity for the member, and so upload its certificate: the employer (aportante) of a
 * dependent, an independent worker for themself, an agent with a purpose; only for a cotizante of the
 * contributory regime (the others have no paid incapacities). `field` names the member in a refusal.
 */
export async function incapacityFiler(ctx: Context, memberId: string, options: { action: string; field: string }): Promise<{ relation: MemberRelation; profile: MemberProfile }> {
  const relation = await authorizeMemberRecord(ctx, memberId, { ...INCAPACITY_POLICY, action: options.action });
  const profile = await memberProfile(ctx, memberId, options.field);
  if (profile.memberType !== "COTIZANTE" || profile.regime !== "CONTRIBUTIVO") {
    throw badUserInput({ field: options.field, message: "Solo los cotizantes del régimen contributivo tienen incapacidades pagadas: los beneficiarios y el subsidiado no." });
  }
  if (relation === MemberRelation.SELF && profile.cotizanteKind !== "INDEPENDIENTE") throw forbidden("La incapacidad de un trabajador dependiente la radica su empleador (Decreto 1427 de 2022).");
  return { relation, profile };
}

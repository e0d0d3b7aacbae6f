import { MemberRelation, authorizeMemberRecord, notYours } from "@sos/kit";
import type { Context } from "../context.js";
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

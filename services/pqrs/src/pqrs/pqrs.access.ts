import { RecordAudience, authorizeMemberRecord, notYours } from "@sos/kit";
import type { Context } from "../context.js";
import type { PqrsDoc } from "./pqrs.model.js";

/** A member's PQRS are their own matters (docs/access.md, PERSONAL): the member and agents; often health data. */
export const PQRS_POLICY = { allowed: RecordAudience.PERSONAL, action: "PQRS_READ", sensitive: true } as const;

/** An anonymous filing belongs to no member: only agents see it. */
export async function authorizedPqrs(ctx: Context, pqrs: PqrsDoc | null, action: string = PQRS_POLICY.action): Promise<PqrsDoc> {
  if (!pqrs) throw notYours();
  if (pqrs.memberId) {
    await authorizeMemberRecord(ctx, pqrs.memberId, { ...PQRS_POLICY, action });
  } else if (ctx.viewer?.role !== "AGENT" || !ctx.purpose) {
    throw notYours();
  } else {
    // An anonymous filing belongs to no member: the ledger names the filing itself.
    ctx.audit.record(action, `pqrs:${pqrs._id}`);
  }
  return pqrs;
}

export function pqrsWritten(ctx: Context, pqrs: PqrsDoc): PqrsDoc {
  ctx.loaders.pqrsByNumber.clear(pqrs._id).prime(pqrs._id, pqrs);
  if (pqrs.memberId) ctx.loaders.pqrsOfMember.clear(pqrs.memberId);
  return pqrs;
}

import { MemberRelation, RecordAudience, authorizeMemberRecord } from "@sos/kit";
import type { Context } from "./context.js";

/** Contributions and paz y salvo: administrative data, which the employer also sees for its dependents. */
export const CONTRIBUTIONS = { allowed: RecordAudience.ADMINISTRATIVE, action: "CONTRIBUTIONS_READ" } as const;

/** The PAC is the member's own contract with the EPS: the member, the cotizante of the group, agents; not the employer. */
export const PAC = { allowed: [MemberRelation.SELF, MemberRelation.COTIZANTE, MemberRelation.AGENT], action: "PAC_READ" } as const;

/** The relation that let the viewer in, for the narrower views (an employer sees only what it paid). */
export const authorize = (ctx: Context, memberId: string, policy: typeof CONTRIBUTIONS | typeof PAC, action?: string): Promise<MemberRelation> =>
  authorizeMemberRecord(ctx, memberId, { ...policy, ...(action && { action }) });

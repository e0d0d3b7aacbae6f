import { badUserInput } from "@sos/kit";
import type { Context } from "../context.js";

/** What the affiliation subgraph says of a member when a record about them is written (its hidden memberProfile). */
export interface MemberProfile {
  memberId: string;
  state: string;
  entitled: boolean;
  regime: string;
  memberType: string;
  age: number;
  incomeBand: string | null;
  sisbenGroup: string | null;
}

const PROFILE_QUERY = `query MemberProfile($memberId: ID!) {
  memberProfile(memberId: $memberId) { memberId state entitled regime memberType age incomeBand sisbenGroup }
}`;

/**
 * Asked of affiliation at the moment of writing, with the caller's own token: affiliation applies its
 * rules to the same viewer (a clinic may check the rights of whoever presents) and fails closed.
 */
export async function entitledMember(ctx: Context, memberId: string, field = "input.memberId"): Promise<MemberProfile> {
  const { memberProfile } = await ctx.peers.query<{ memberProfile: MemberProfile | null }>("affiliation", PROFILE_QUERY, { memberId });
  if (!memberProfile) throw badUserInput({ field, message: "No hay un afiliado con ese identificador." });
  if (!memberProfile.entitled) {
    throw badUserInput({ field, message: `El afiliado no tiene derechos vigentes (estado ${memberProfile.state}): no se puede autorizar el servicio.` });
  }
  return memberProfile;
}

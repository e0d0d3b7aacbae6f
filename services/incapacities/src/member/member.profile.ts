import { badUserInput } from "@sos/kit";
import type { Context } from "../context.js";

/** What affiliation says of a member when a claim about them is filed or settled (its hidden memberProfile). */
export interface MemberProfile {
  memberId: string;
  state: string;
  regime: string;
  memberType: string;
  cotizanteKind: string | null;
  employerNit: string | null;
  sex: string;
}

const QUERY = `query MemberProfile($memberId: ID!) {
  memberProfile(memberId: $memberId) { memberId state regime memberType cotizanteKind employerNit sex }
}`;

/** Asked with the caller's token; fails closed (UNAVAILABLE) when affiliation does not answer. */
export async function memberProfile(ctx: Context, memberId: string, field = "input.memberId"): Promise<MemberProfile> {
  const { memberProfile: profile } = await ctx.peers.query<{ memberProfile: MemberProfile | null }>("affiliation", QUERY, { memberId });
  if (!profile) throw badUserInput({ field, message: "No hay un afiliado con ese identificador." });
  return profile;
}

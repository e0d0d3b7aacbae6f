import { ageOn, badUserInput, forbidden, notFound, requireAgentPurpose, requireRole, todayInColombia } from "@sos/kit";
import type { Context } from "../context.js";
import { accessTo, type MemberAccess } from "./member.access.js";
import type { MemberDoc } from "./member.model.js";

const CHANGE_ALLOWED: MemberAccess[] = ["SELF", "COTIZANTE", "AGENT"];
const ADULT_AGE = 18;

/**
 * The member a write is about: the viewer, a minor beneficiary of the viewer's group (an adult
 * beneficiary manages their own data), or (agents) anyone, always with a stated purpose. FORBIDDEN for
 * any other role or relation.
 */
export async function memberForChange(ctx: Context, memberId: string | undefined, field: string): Promise<MemberDoc> {
  const viewer = requireRole(ctx.viewer, "MEMBER", "AGENT");
  const id = memberId ?? viewer.memberId;
  if (!id) throw badUserInput({ field, message: "Indique el afiliado (memberId)." });
  const member = await ctx.loaders.memberById.load(id);
  if (!member) {
    if (viewer.role === "AGENT") throw notFound("No existe un afiliado con ese identificador.");
    throw forbidden("No puede modificar los datos de ese afiliado.");
  }
  const access = accessTo(viewer, member);
  if (!CHANGE_ALLOWED.includes(access)) throw forbidden("No puede modificar los datos de ese afiliado.");
  if (access === "COTIZANTE" && ageOn(member.birthDate, todayInColombia()) >= ADULT_AGE) {
    throw forbidden("Un beneficiario mayor de edad actualiza sus propios datos.");
  }
  requireAgentPurpose(ctx);
  return member;
}

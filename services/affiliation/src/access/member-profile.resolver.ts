import { ageOn, forbidden, recordAccess, requireAgentPurpose, todayInColombia } from "@sos/kit";
import { Arg, Ctx, Directive, Field, ID, Int, ObjectType, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { ENTITLED_STATES } from "../member/member.enums.js";
import type { MemberDoc } from "../member/member.model.js";
import { relationsTo } from "./member-access.js";

/**
 * What another subgraph must know of a member at the moment it writes a record about them (a request for
 * authorization: is the patient entitled, which régimen and income band set the co-payment). Strings, not
 * enums: nothing of this question shows in the graph clients see.
 */
@Directive("@inaccessible")
@ObjectType({ description: "Datos de afiliación que otro subgrafo necesita al registrar algo sobre un afiliado (uso interno)" })
export class MemberProfile {
  @Field(() => ID)
  memberId!: string;

  @Field(() => String)
  state!: string;

  @Field(() => Boolean, { description: "Puede usar los servicios de salud (activo o en protección laboral)" })
  entitled!: boolean;

  @Field(() => String)
  regime!: string;

  @Field(() => String)
  memberType!: string;

  @Field(() => String, { nullable: true, description: "DEPENDIENTE, INDEPENDIENTE o PENSIONADO (cotizantes)" })
  cotizanteKind!: string | null;

  @Field(() => String, { nullable: true, description: "NIT del empleador (cotizantes dependientes)" })
  employerNit!: string | null;

  @Field(() => String)
  sex!: string;

  @Field(() => Int, { description: "Edad en años cumplidos hoy" })
  age!: number;

  @Field(() => String, { nullable: true, description: "Rango de ingreso del grupo familiar (el del cotizante)" })
  incomeBand!: string | null;

  @Field(() => String, { nullable: true })
  sisbenGroup!: string | null;

  @Field(() => String)
  municipalityCode!: string;

  @Field(() => String)
  primaryIpsCode!: string;
}

@Resolver()
export class MemberProfileResolver {
  /**
   * Who may ask: anyone with a relation to the member, and any clinic (a partner clinic may check the
   * rights of whoever presents, and that check is recorded). @inaccessible: the other subgraphs call it
   * directly, with the caller's token and the gateway's secret. Null when no such member exists.
   */
  @Directive("@inaccessible")
  @Query(() => MemberProfile, { nullable: true, description: "Uso interno: datos de afiliación para decidir sobre un registro del afiliado" })
  async memberProfile(@Arg("memberId", () => ID) memberId: string, @Ctx() ctx: Context): Promise<MemberProfile | null> {
    const member = await ctx.loaders.memberById.load(memberId);
    const related = relationsTo(ctx, member).length > 0;
    if (!related && ctx.viewer?.role !== "IPS") throw forbidden("No tiene permiso para consultar este afiliado.");
    requireAgentPurpose(ctx);
    if (!member) return null;
    // Every clinic's rights check is recorded (its own patient's too), and every agent's look.
    if (ctx.viewer?.role === "IPS" || ctx.viewer?.role === "AGENT") recordAccess(ctx, "RIGHTS_CHECK", member._id);
    const cotizante = member.cotizanteId ? await ctx.loaders.memberById.load(member.cotizanteId) : null;
    return profileOf(member, cotizante);
  }
}

function profileOf(member: MemberDoc, cotizante: MemberDoc | null): MemberProfile {
  return {
    memberId: member._id,
    state: member.state,
    entitled: ENTITLED_STATES.has(member.state),
    regime: member.regime,
    memberType: member.memberType,
    cotizanteKind: member.cotizanteKind ?? null,
    employerNit: member.employerNit ?? null,
    sex: member.sex,
    age: ageOn(member.birthDate, todayInColombia()),
    incomeBand: (cotizante ?? member).incomeBand ?? null,
    sisbenGroup: member.sisbenGroup ?? null,
    municipalityCode: member.municipalityCode,
    primaryIpsCode: member.primaryIpsCode,
  };
}

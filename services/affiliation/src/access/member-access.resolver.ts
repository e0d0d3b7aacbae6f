import { MEMBER_ACCESS_BATCH, badUserInput, type MemberRelation } from "@sos/kit";
import { Arg, Ctx, Directive, Field, ID, ObjectType, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";

@Directive("@inaccessible")
@ObjectType({ description: "Relaciones de quien consulta con un afiliado (uso interno entre subgrafos)" })
export class MemberAccessGrant {
  @Field(() => ID)
  memberId!: string;

  /** Strings, not an enum: nothing of this question shows in the graph clients see. */
  @Field(() => [String], { description: "SELF, COTIZANTE, CARER, EMPLOYER, PRIMARY_IPS o AGENT; vacía sin relación o si el afiliado no existe" })
  relations!: MemberRelation[];
}

@Resolver()
export class MemberAccessResolver {
  /**
   * How the verified viewer relates to each member: the question every other subgraph asks before it
   * serves a record about a member. @inaccessible: not in the graph clients see; the other subgraphs
   * call it directly, with the caller's token and the gateway's secret. A member who does not exist
   * answers like one the viewer has no relation to.
   */
  @Directive("@inaccessible")
  @Query(() => [MemberAccessGrant], { description: "Uso interno: relación de quien consulta con cada afiliado" })
  async memberAccess(@Arg("memberIds", () => [ID]) memberIds: string[], @Ctx() ctx: Context): Promise<MemberAccessGrant[]> {
    if (memberIds.length > MEMBER_ACCESS_BATCH) {
      throw badUserInput({ field: "memberIds", message: `Se aceptan hasta ${MEMBER_ACCESS_BATCH} afiliados por consulta.` });
    }
    const relations = await ctx.memberAccess.loadMany(memberIds);
    return memberIds.map((memberId, i) => {
      const found = relations[i];
      return { memberId, relations: found instanceof Error || !found ? [] : [...found] };
    });
  }
}

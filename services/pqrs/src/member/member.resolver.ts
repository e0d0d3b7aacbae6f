import { PageArgs, authorizeMemberRecord, selectsField } from "@sos/kit";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { PQRS_POLICY } from "../pqrs/pqrs.access.js";
import { PqrsState } from "../pqrs/pqrs.rules.js";
import { PqrsConnection } from "../pqrs/pqrs.type.js";
import { Member } from "./member.type.js";

@Resolver(() => Member)
export class MemberPqrsResolver {
  @FieldResolver(() => PqrsConnection, { nullable: true, description: "PQRS del afiliado, la más reciente primero (el afiliado y agentes)" })
  async pqrs(
    @Root() member: Member,
    @Arg("states", () => [PqrsState], { nullable: true, description: "Solo estos estados" }) states: PqrsState[] | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    await authorizeMemberRecord(ctx, member.id, PQRS_POLICY);
    const result = await ctx.loaders.pqrsOfMember({ states: states?.slice(0, 5) ?? null, page: { first: page.first, after: page.after }, withTotal: selectsField(info, "totalCount") }).load(member.id);
    for (const node of result.nodes) ctx.loaders.pqrsByNumber.prime(node._id, node);
    return result;
  }
}

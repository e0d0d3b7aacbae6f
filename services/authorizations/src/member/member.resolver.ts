import { PageArgs, RecordAudience, authorizeMemberRecord, selectsField } from "@sos/kit";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import { AuthorizationFilter } from "../authorization/authorization.input.js";
import { memberAuthorizations } from "../authorization/authorization.resolver.js";
import { AuthorizationConnection } from "../authorization/authorization.type.js";
import type { Context } from "../context.js";
import { MipresPrescriptionConnection, PendingDeliveryConnection } from "../mipres/mipres.type.js";
import { Member } from "./member.type.js";

/** What this subgraph adds to Member: batched per request, so a list of members costs one command per field. */
@Resolver(() => Member)
export class MemberAuthorizationsResolver {
  @FieldResolver(() => AuthorizationConnection, {
    nullable: true,
    description: "Autorizaciones del afiliado, más recientes primero (el afiliado, su cuidador si es menor, agentes)",
  })
  authorizations(
    @Root() member: Member,
    @Arg("filter", () => AuthorizationFilter, { nullable: true, description: "Estados y fechas de radicación; todas si se omite" }) filter: AuthorizationFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return memberAuthorizations(ctx, member.id, filter, page, selectsField(info, "totalCount"));
  }

  @FieldResolver(() => MipresPrescriptionConnection, {
    nullable: true,
    description: "Prescripciones MIPRES del afiliado, más recientes primero; con onlyVigentes, solo las vigentes (activas, sin entregar del todo y dentro de su ventana)",
  })
  async mipresPrescriptions(
    @Root() member: Member,
    @Arg("onlyVigentes", () => Boolean, { defaultValue: true, description: "Solo las vigentes (por defecto); false para todas" }) onlyVigentes: boolean,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    await authorizeMemberRecord(ctx, member.id, { allowed: RecordAudience.CLINICAL, action: "MIPRES_READ", sensitive: true });
    const result = await ctx.loaders.prescriptionsOfMember({ onlyVigentes, page: { first: page.first, after: page.after }, withTotal: selectsField(info, "totalCount") }).load(member.id);
    for (const node of result.nodes) ctx.loaders.prescriptionByNumber.prime(node._id, node);
    return result;
  }

  @FieldResolver(() => PendingDeliveryConnection, {
    nullable: true,
    description: "Medicamentos pendientes de entrega (a entregar en 48 horas donde el afiliado eligió), con su estado hasta la entrega",
  })
  async pendingDeliveries(
    @Root() member: Member,
    @Arg("onlyOpen", () => Boolean, { defaultValue: false, description: "Solo los que aún no se entregan" }) onlyOpen: boolean,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    await authorizeMemberRecord(ctx, member.id, { allowed: RecordAudience.CLINICAL, action: "MIPRES_PENDING_READ", sensitive: true });
    const result = await ctx.loaders.pendingDeliveriesOfMember({ onlyOpen, page: { first: page.first, after: page.after }, withTotal: selectsField(info, "totalCount") }).load(member.id);
    for (const node of result.nodes) ctx.loaders.pendingDeliveryById.prime(node._id, node);
    return result;
  }
}

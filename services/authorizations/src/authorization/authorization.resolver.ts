import { PageArgs, authorizeMemberRecord, findPage, requirePurpose, requireRole, selectsField } from "@sos/kit";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root, registerEnumType } from "type-graphql";
import type { Context } from "../context.js";
import { Ips, ipsRef } from "../ips/ips.type.js";
import { Member } from "../member/member.type.js";
import { AUTHORIZATION_POLICY, authorizedAuthorization } from "./authorization.access.js";
import { Holder } from "./authorization.enums.js";
import { AuthorizationFilter } from "./authorization.input.js";
import type { AuthorizationDoc } from "./authorization.model.js";
import { holderOf, isOverdue } from "./authorization.rules.js";
import { Authorization, AuthorizationConnection, Diagnosis } from "./authorization.type.js";

export enum IpsInbox {
  SOLICITADAS = "SOLICITADAS",
  DIRIGIDAS = "DIRIGIDAS",
}
registerEnumType(IpsInbox, {
  name: "IpsInbox",
  description: "Bandeja de la IPS",
  valuesConfig: {
    SOLICITADAS: { description: "Las que la IPS solicitó" },
    DIRIGIDAS: { description: "Las aprobadas con la IPS como destino" },
  },
});

@Resolver(() => Authorization)
export class AuthorizationResolver {
  @Query(() => Authorization, { description: "Una autorización por su número de radicado (el afiliado, su cuidador si es menor, las IPS que nombra, agentes)" })
  async authorization(@Arg("number", () => ID, { description: "Número de radicado (AUT-AAAA-NNNNNNN)" }) number: string, @Ctx() ctx: Context): Promise<AuthorizationDoc> {
    return authorizedAuthorization(ctx, await ctx.loaders.authorizationByNumber.load(number));
  }

  @Query(() => AuthorizationConnection, { description: "Cola de auditoría de los agentes: solicitudes sin respuesta, por vencimiento del plazo" })
  async authorizationQueue(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("overdueOnly", () => Boolean, { defaultValue: false, description: "Solo las que ya vencieron" }) overdueOnly: boolean,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    requireRole(ctx.viewer, "AGENT");
    requirePurpose(ctx);
    // Keys are "<dueAt>:<number>": a range over strings, which also leaves out the answered (null).
    const filter = { queueKey: overdueOnly ? { $gt: "", $lt: new Date().toISOString() } : { $gt: "" } };
    const result = await findPage<AuthorizationDoc>({ model: ctx.models.authorizations, filter, sortField: "queueKey", args: page, withTotal: selectsField(info, "totalCount") });
    return this.handOut(ctx, result);
  }

  @Query(() => AuthorizationConnection, { description: "Bandeja de la IPS que consulta: las que solicitó o las dirigidas a ella, más recientes primero" })
  async ipsAuthorizationInbox(
    @Arg("box", () => IpsInbox, { defaultValue: IpsInbox.SOLICITADAS, description: "Qué bandeja: las que la IPS solicitó (por defecto) o las dirigidas a ella" }) box: IpsInbox,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const viewer = requireRole(ctx.viewer, "IPS");
    // One field per box: an $or of both would scan the collection on some servers (docs/architecture.md).
    const filter = box === IpsInbox.SOLICITADAS ? { requestingIpsCode: viewer.ipsCode } : { destinationIpsCode: viewer.ipsCode };
    const result = await findPage<AuthorizationDoc>({ model: ctx.models.authorizations, filter, sortField: "sortKey", direction: -1, args: page, withTotal: selectsField(info, "totalCount") });
    return this.handOut(ctx, result);
  }

  @Query(() => AuthorizationConnection, { description: "Autorizaciones de un afiliado, más recientes primero (mismo acceso que Member.authorizations)" })
  async authorizations(
    @Arg("memberId", () => ID, { description: "Afiliado paciente" }) memberId: string,
    @Arg("filter", () => AuthorizationFilter, { nullable: true, description: "Estados y fechas de radicación; todas si se omite" }) filter: AuthorizationFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return memberAuthorizations(ctx, memberId, filter, page, selectsField(info, "totalCount"));
  }

  /** Every node of a list passes the same gate as one read (and is recorded in the ledger). */
  private async handOut(ctx: Context, page: Awaited<ReturnType<typeof findPage<AuthorizationDoc>>>) {
    for (const node of page.nodes) {
      await authorizedAuthorization(ctx, node);
      ctx.loaders.authorizationByNumber.prime(node._id, node);
    }
    return page;
  }

  @FieldResolver(() => Member, { description: "Afiliado paciente" })
  member(@Root() authorization: AuthorizationDoc): Member {
    return { id: authorization.memberId };
  }

  @FieldResolver(() => [Diagnosis], { description: "Diagnósticos (dato sensible: cada lectura queda registrada)" })
  diagnoses(@Root() authorization: AuthorizationDoc, @Ctx() ctx: Context): Diagnosis[] {
    ctx.audit.record("AUTHORIZATION_DIAGNOSIS_READ", authorization.memberId);
    return authorization.diagnoses;
  }

  @FieldResolver(() => Ips, { description: "IPS que solicita" })
  requestingIps(@Root() authorization: AuthorizationDoc): Ips | null {
    return ipsRef(authorization.requestingIpsCode);
  }

  @FieldResolver(() => Ips, { nullable: true, description: "IPS destino donde se presta el servicio aprobado" })
  destinationIps(@Root() authorization: AuthorizationDoc): Ips | null {
    return ipsRef(authorization.destinationIpsCode);
  }

  @FieldResolver(() => Holder, { description: "Quién tiene la solicitud ahora" })
  holder(@Root() authorization: AuthorizationDoc): Holder {
    return holderOf(authorization.state);
  }

  @FieldResolver(() => Date, { description: "Vencimiento del plazo de respuesta" })
  dueAt(@Root() authorization: AuthorizationDoc): Date {
    return authorization.deadline.dueAt;
  }

  @FieldResolver(() => Boolean, { description: "Sin respuesta y con el plazo vencido" })
  overdue(@Root() authorization: AuthorizationDoc): boolean {
    return isOverdue(authorization.state, authorization.deadline.dueAt);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: "Respondida después del plazo (vacío si aún no hay respuesta)" })
  answeredLate(@Root() authorization: AuthorizationDoc): boolean | null {
    return authorization.answeredAt ? authorization.answeredAt.getTime() > authorization.deadline.dueAt.getTime() : null;
  }
}

/** A member's authorizations, for the root query and Member.authorizations alike: one gate, one batched loader. */
export async function memberAuthorizations(ctx: Context, memberId: string, filter: AuthorizationFilter | null, page: PageArgs, withTotal: boolean) {
  await authorizeMemberRecord(ctx, memberId, AUTHORIZATION_POLICY);
  const result = await ctx.loaders.authorizationsOfMember({ filter, page: { first: page.first, after: page.after }, withTotal }).load(memberId);
  for (const node of result.nodes) ctx.loaders.authorizationByNumber.prime(node._id, node);
  return result;
}

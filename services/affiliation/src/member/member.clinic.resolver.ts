import { DocumentType, PageArgs, findPage, recordAccess, requireAgentPurpose, requireRole, selectsField } from "@sos/kit";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, Info, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { ipsRef } from "../ips/ips.type.js";
import { authorizeMember } from "./member.access.js";
import { ENTITLED_STATES } from "./member.enums.js";
import type { MemberDoc } from "./member.model.js";
import { checkDocument } from "./member.resolver.js";
import { MemberConnection, RightsCheck } from "./member.views.js";

/** What a partner clinic asks: is this person entitled to care, and who are our assigned patients. */
@Resolver()
export class ClinicResolver {
  @Query(() => RightsCheck, { description: "Comprobación de derechos de quien se presenta en una IPS (roles IPS y AGENT)" })
  async rightsCheck(
    @Arg("documentType", () => DocumentType, { description: "Tipo de documento de quien se presenta" }) documentType: DocumentType,
    @Arg("documentNumber", () => String, { description: "Número de documento, sin puntos ni espacios" }) documentNumber: string,
    @Ctx() ctx: Context,
  ): Promise<RightsCheck> {
    requireRole(ctx.viewer, "IPS", "AGENT");
    requireAgentPurpose(ctx);
    checkDocument(documentType, documentNumber);
    const member = await ctx.loaders.memberByDocument.load({ documentType, documentNumber });
    if (member) recordAccess(ctx, "RIGHTS_CHECK", member._id);
    return {
      documentType,
      documentNumber,
      affiliated: member !== null,
      entitled: member !== null && ENTITLED_STATES.has(member.state),
      state: member?.state ?? null,
      regime: member?.regime ?? null,
      primaryIps: member ? ipsRef(member.primaryIpsCode) : null,
    };
  }

  @Query(() => MemberConnection, { description: "Pacientes asignados a la IPS que consulta (rol IPS), por apellido" })
  async assignedPatients(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const viewer = requireRole(ctx.viewer, "IPS");
    const patients = await findPage<MemberDoc>({
      model: ctx.models.members,
      filter: { primaryIpsCode: viewer.ipsCode as string },
      sortField: "sortKey",
      args: page,
      withTotal: selectsField(info, "totalCount"),
    });
    // Each patient through the one gate: the clinic's read of their record is in the access ledger.
    for (const patient of patients.nodes) authorizeMember(ctx, patient);
    return patients;
  }
}

import { PageArgs, RecordAudience, SupportDocumentConnection, SupportDocumentType, UploadTicket, authorizeMemberRecord, badUserInput, contentTypeOf, requireRole, selectsField } from "@sos/kit";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { entitledMember } from "../member/member.profile.js";
import { Member } from "../member/member.type.js";

/** What an authorization's attachments are uploaded for: a request refers only to uploads made for it. */
export const ATTACHMENT_PURPOSE = "AUTHORIZATION_ATTACHMENT";

const MEMBER_ID = /^[0-9a-f]{24}$/;

/**
 * Who may upload a support document for a patient: whoever may file the request (REQUEST_POLICY's
 * relations: the member, the carer of a minor, agents) and any clinic for whoever presents, as with
 * requestAuthorization; the document is then the patient's, listed with their records.
 */
const UPLOAD_POLICY = { allowed: RecordAudience.CLINICAL, action: "SUPPORT_DOCUMENT_UPLOAD", sensitive: false } as const;

/** The patient's documents hold clinical detail: read like authorizations, recorded for every viewer. */
const LIST_POLICY = { allowed: RecordAudience.CLINICAL, action: "SUPPORT_DOCUMENTS_READ", sensitive: true } as const;

@Resolver(() => UploadTicket)
export class AttachmentUploadResolver {
  @Mutation(() => UploadTicket, {
    description:
      "Pide un enlace para cargar un documento soporte de una solicitud de autorización (PDF, JPEG o PNG, hasta 10 MB): el afiliado o su cuidador, una IPS para un paciente, o un agente. El uploadId se indica luego en attachments",
  })
  async requestAuthorizationAttachmentUpload(
    @Arg("memberId", () => ID, { nullable: true, description: "Afiliado paciente; el propio si se omite" }) memberId: string | null,
    @Arg("contentType", () => SupportDocumentType, { description: "Tipo del archivo: PDF, JPEG o PNG (se comprueba por el contenido al cargarlo)" }) contentType: SupportDocumentType,
    @Arg("size", () => Int, { description: "Tamaño del archivo en bytes (1 a 10485760)" }) size: number,
    @Ctx() ctx: Context,
  ): Promise<UploadTicket> {
    const viewer = requireRole(ctx.viewer, "MEMBER", "IPS", "AGENT");
    const patient = memberId ?? (viewer.role === "MEMBER" ? viewer.memberId : null);
    if (!patient || !MEMBER_ID.test(patient)) throw badUserInput({ field: "memberId", message: "Indique el afiliado paciente (su identificador)." });
    if (viewer.role === "IPS") {
      // A clinic files for whoever presents: affiliation confirms the patient exists and has rights (and records the check).
      await entitledMember(ctx, patient, "memberId");
      ctx.audit.record(UPLOAD_POLICY.action, patient);
    } else {
      await authorizeMemberRecord(ctx, patient, UPLOAD_POLICY);
    }
    return ctx.uploads.ticket({ memberId: patient, requestedBy: viewer.subject, purpose: ATTACHMENT_PURPOSE, contentType: contentTypeOf(contentType), size });
  }
}

@Resolver(() => Member)
export class MemberSupportDocumentsResolver {
  @FieldResolver(() => SupportDocumentConnection, {
    nullable: true,
    description: "Documentos soporte cargados para las solicitudes del afiliado, más recientes primero, con un enlace de descarga de 5 minutos (el afiliado, su cuidador si es menor, agentes)",
  })
  async supportDocuments(@Root() member: Member, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    await authorizeMemberRecord(ctx, member.id, LIST_POLICY);
    return ctx.uploads.page(member.id, page, selectsField(info, "totalCount"));
  }
}

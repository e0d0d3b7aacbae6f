import { SupportDocumentType, UploadTicket, badUserInput, contentTypeOf, requireRole } from "@sos/kit";
import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { incapacityFiler } from "./incapacity.access.js";

/** What an incapacity's certificate is uploaded for: registerIncapacity refers only to uploads made for it. */
export const CERTIFICATE_PURPOSE = "INCAPACITY_CERTIFICATE";

const MEMBER_ID = /^[0-9a-f]{24}$/;

@Resolver(() => UploadTicket)
export class IncapacityCertificateUploadResolver {
  @Mutation(() => UploadTicket, {
    description:
      "Pide un enlace para cargar el certificado de una incapacidad o licencia (PDF, JPEG o PNG, hasta 10 MB): quien puede radicarla (el empleador de un dependiente, un independiente la suya, o un agente). El uploadId se indica luego en attachment de registerIncapacity",
  })
  async requestIncapacityCertificateUpload(
    @Arg("memberId", () => ID, { nullable: true, description: "Afiliado incapacitado; el propio si se omite" }) memberId: string | null,
    @Arg("contentType", () => SupportDocumentType, { description: "Tipo del archivo: PDF, JPEG o PNG (se comprueba por el contenido al cargarlo)" }) contentType: SupportDocumentType,
    @Arg("size", () => Int, { description: "Tamaño del archivo en bytes (1 a 10485760)" }) size: number,
    @Ctx() ctx: Context,
  ): Promise<UploadTicket> {
    const viewer = requireRole(ctx.viewer, "EMPLOYER", "MEMBER", "AGENT");
    const member = memberId ?? (viewer.role === "MEMBER" ? viewer.memberId : null);
    if (!member || !MEMBER_ID.test(member)) throw badUserInput({ field: "memberId", message: "Indique el afiliado incapacitado (su identificador)." });
    // The same gate as registerIncapacity: whoever could not file the claim gets no link for its certificate.
    await incapacityFiler(ctx, member, { action: "INCAPACITY_CERTIFICATE_UPLOAD", field: "memberId" });
    return ctx.uploads.ticket({ memberId: member, requestedBy: viewer.subject, purpose: CERTIFICATE_PURPOSE, contentType: contentTypeOf(contentType), size });
  }
}

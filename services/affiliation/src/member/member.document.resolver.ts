import { SupportDocumentType, UploadTicket, contentTypeOf } from "@sos/kit";
import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { memberForChange } from "./member.change.js";

/** What a contact-data update's support document is uploaded for: updateContactData refers only to these. */
export const CONTACT_DOCUMENT_PURPOSE = "CONTACT_DATA_SUPPORT";

@Resolver(() => UploadTicket)
export class ContactDocumentUploadResolver {
  @Mutation(() => UploadTicket, {
    description:
      "Pide un enlace para cargar el soporte de una actualización de datos (PDF, JPEG o PNG, hasta 10 MB): quien puede actualizar los datos del afiliado. El uploadId se indica luego en supportDocumentId de updateContactData",
  })
  async requestContactDocumentUpload(
    @Arg("memberId", () => ID, { nullable: true, description: "Afiliado cuyos datos se actualizan; el propio si se omite" }) memberId: string | null,
    @Arg("contentType", () => SupportDocumentType, { description: "Tipo del archivo: PDF, JPEG o PNG (se comprueba por el contenido al cargarlo)" }) contentType: SupportDocumentType,
    @Arg("size", () => Int, { description: "Tamaño del archivo en bytes (1 a 10485760)" }) size: number,
    @Ctx() ctx: Context,
  ): Promise<UploadTicket> {
    // The same gate as updateContactData: whoever could not change the data gets no link for its support.
    const member = await memberForChange(ctx, memberId ?? undefined, "memberId");
    return ctx.uploads.ticket({ memberId: member._id, requestedBy: ctx.viewer?.subject ?? "", purpose: CONTACT_DOCUMENT_PURPOSE, contentType: contentTypeOf(contentType), size });
  }
}

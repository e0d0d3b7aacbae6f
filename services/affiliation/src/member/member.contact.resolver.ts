import { badUserInput, notFound, recordAgentAccess } from "@sos/kit";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { memberForChange } from "./member.change.js";
import { CONTACT_DOCUMENT_PURPOSE } from "./member.document.resolver.js";
import { UpdateContactDataInput } from "./member.input.js";
import { memberWritten } from "./member.loader.js";
import type { MemberDoc } from "./member.model.js";
import { Member } from "./member.type.js";

/** Keeping basic data up to date: contact and municipality of residence. */
@Resolver()
export class ContactDataResolver {
  @Mutation(() => Member, {
    description:
      "Actualiza los datos básicos (contacto y municipio de residencia). Tras un cambio de municipio, primaryIpsNeedsChange indica si debe elegir una IPS primaria del nuevo municipio.",
  })
  async updateContactData(@Arg("input", () => UpdateContactDataInput, { description: "Los datos que cambian" }) input: UpdateContactDataInput, @Ctx() ctx: Context): Promise<MemberDoc> {
    const { memberId, supportDocumentId, ...changes } = input;
    const set: Record<string, string | null> = {};
    for (const key of ["email", "mobile", "landline", "address"] as const) {
      if (changes[key] !== undefined) set[`contact.${key}`] = changes[key] ?? null;
    }
    if (changes.municipalityCode) set["municipalityCode"] = changes.municipalityCode;
    if (!Object.keys(set).length) throw badUserInput({ field: "input", message: "Envíe al menos un dato para actualizar." });
    const member = await memberForChange(ctx, memberId, "input.memberId");
    // The support document, if any: the member's own, uploaded for this, taken by this update before it is
    // written (and given back if the write fails).
    const update = `contact-update:${member._id}:${new Date().toISOString()}`;
    const support = { memberId: member._id, purpose: CONTACT_DOCUMENT_PURPOSE, field: "input.supportDocumentId", single: true, by: update };
    const taken = supportDocumentId ? await ctx.uploads.reference([supportDocumentId], support) : [];
    const updated = await ctx.models.members
      .findOneAndUpdate({ _id: member._id }, { $set: set }, { returnDocument: "after" })
      .lean<MemberDoc>()
      .exec()
      .catch(async (error: unknown) => {
        await ctx.uploads.release(taken, update);
        throw error;
      });
    if (!updated) {
      await ctx.uploads.release(taken, update);
      throw notFound("El afiliado ya no existe.");
    }
    memberWritten(ctx.loaders, updated, ctx.memberAccess);
    recordAgentAccess(ctx, "MEMBER_UPDATE", member._id);
    return updated;
  }
}

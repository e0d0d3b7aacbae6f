import { badUserInput, conflict, recordAgentAccess } from "@sos/kit";
import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { clinicFromDirectory, isActivePrimary, primaryClinicsOf } from "../ips/directory.client.js";
import { ipsRef } from "../ips/ips.type.js";
import { memberForChange } from "./member.change.js";
import { ChangePrimaryIpsInput } from "./member.input.js";
import { memberWritten } from "./member.loader.js";
import type { MemberDoc } from "./member.model.js";
import { Member } from "./member.type.js";
import { PrimaryCareOption } from "./member.views.js";

/** Choosing a primary clinic: the options of the member's municipality, and the change itself, both on the directory's data. */
@Resolver()
export class PrimaryCareResolver {
  @Query(() => [PrimaryCareOption], {
    description: "IPS de la red primaria activas en el municipio del afiliado, entre las que puede elegir (máximo 50)",
  })
  async primaryCareOptions(
    @Arg("memberId", () => ID, { nullable: true, description: "Por defecto, usted" }) memberId: string | undefined,
    @Ctx() ctx: Context,
  ): Promise<PrimaryCareOption[]> {
    const member = await memberForChange(ctx, memberId, "memberId");
    const options = await primaryClinicsOf(ctx, member.municipalityCode);
    return options.map((clinic) => ({
      ips: ipsRef(clinic.habilitationCode),
      name: clinic.name,
      municipalityCode: clinic.municipalityCode,
      current: clinic.habilitationCode === member.primaryIpsCode,
    }));
  }

  @Mutation(() => Member, {
    description: "Cambia la IPS primaria: solo a una IPS activa de la red primaria del municipio del afiliado. Conserva la historia.",
  })
  async changePrimaryIps(@Arg("input", () => ChangePrimaryIpsInput, { description: "El afiliado y la nueva IPS primaria" }) input: ChangePrimaryIpsInput, @Ctx() ctx: Context): Promise<MemberDoc> {
    const member = await memberForChange(ctx, input.memberId, "input.memberId");
    const field = "input.ipsCode";
    if (member.state !== "ACTIVO" && member.state !== "PROTECCION_LABORAL") {
      throw conflict("Solo un afiliado activo puede cambiar de IPS primaria.");
    }
    if (input.ipsCode === member.primaryIpsCode) throw badUserInput({ field, message: "Esa ya es la IPS primaria del afiliado." });
    // The directory says what the clinic is now.
    const ips = await clinicFromDirectory(ctx, input.ipsCode);
    if (!ips) throw badUserInput({ field, message: "La IPS no pertenece a la red de S.O.S." });
    if (!isActivePrimary(ips)) {
      throw badUserInput({ field, message: "La IPS no está activa en la red primaria de S.O.S." });
    }
    if (ips.municipalityCode !== member.municipalityCode) {
      throw badUserInput({ field, message: "La IPS primaria debe estar en el municipio de residencia del afiliado." });
    }
    // Guarded on the IPS the member had when we checked: of two concurrent changes, one wins.
    const updated = await ctx.models.members
      .findOneAndUpdate(
        { _id: member._id, primaryIpsCode: member.primaryIpsCode },
        {
          $set: { primaryIpsCode: ips.habilitationCode },
          $push: { primaryIpsHistory: { ipsCode: ips.habilitationCode, since: new Date(), changedBy: ctx.viewer?.subject ?? "" } },
        },
        { returnDocument: "after" },
      )
      .lean<MemberDoc>()
      .exec();
    if (!updated) throw conflict("La IPS primaria cambió mientras se procesaba su solicitud. Consulte de nuevo e intente otra vez.");
    memberWritten(ctx.loaders, updated, ctx.memberAccess);
    recordAgentAccess(ctx, "PRIMARY_IPS_CHANGE", member._id);
    return updated;
  }
}

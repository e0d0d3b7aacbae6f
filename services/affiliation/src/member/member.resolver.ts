import { DocumentType, badUserInput, forbidden, ipsMunicipality, isValidDocumentNumber, notFound, requireRole, requireViewer } from "@sos/kit";
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { Employer } from "../employer/employer.type.js";
import type { EmployerDoc } from "../employer/employer.model.js";
import { FamilyGroup } from "../family/family.type.js";
import { Ips, ipsRef } from "../ips/ips.type.js";
import { AFFILIATION_DETAIL, ANY_RELATION, PERSONAL_DATA, VisibleTo, accessTo, authorizeMember, foundMember } from "./member.access.js";
import { MemberType } from "./member.enums.js";
import type { MemberDoc } from "./member.model.js";
import { Member } from "./member.type.js";
import { PrimaryIpsAssignment } from "./member.views.js";

// Looking a member up (self, by id, by document) and what each field shows to whom. The other use cases
// have their own resolvers: member.clinic (rights check, assigned patients), member.primary-care
// (choosing a clinic), member.contact (updating basic data).

export function checkDocument(documentType: DocumentType, documentNumber: string): void {
  if (!isValidDocumentNumber(documentType, documentNumber)) {
    throw badUserInput({ field: "documentNumber", message: "El número de documento no tiene el formato del tipo de documento." });
  }
}

@Resolver(() => Member)
export class MemberResolver {
  @Query(() => Member, { description: "El afiliado que inició sesión (rol MEMBER)" })
  async me(@Ctx() ctx: Context): Promise<MemberDoc> {
    const viewer = requireRole(ctx.viewer, "MEMBER");
    const member = await ctx.loaders.memberById.load(viewer.memberId as string);
    if (!member) throw notFound("No encontramos su afiliación. Comuníquese con la línea 01 8000 938 777.");
    return member;
  }

  @Query(() => Member, { nullable: true, description: "Un afiliado por su identificador, si el usuario puede verlo" })
  async member(@Arg("id", () => ID, { description: "Identificador del afiliado en la EPS" }) id: string, @Ctx() ctx: Context): Promise<MemberDoc | null> {
    requireViewer(ctx.viewer);
    return foundMember(ctx, await ctx.loaders.memberById.load(id));
  }

  @Query(() => Member, {
    nullable: true,
    description: "Un afiliado por su documento (agentes; IPS solo para sus pacientes asignados: para los demás use rightsCheck)",
  })
  async memberByDocument(
    @Arg("documentType", () => DocumentType, { description: "Tipo de documento de identidad" }) documentType: DocumentType,
    @Arg("documentNumber", () => String, { description: "Número de documento, sin puntos ni espacios" }) documentNumber: string,
    @Ctx() ctx: Context,
  ): Promise<MemberDoc | null> {
    requireViewer(ctx.viewer);
    checkDocument(documentType, documentNumber);
    return foundMember(ctx, await ctx.loaders.memberByDocument.load({ documentType, documentNumber }));
  }

  @FieldResolver(() => String, { nullable: true, description: "Nombre completo" })
  @VisibleTo(ANY_RELATION)
  fullName(@Root() member: MemberDoc): string {
    return [member.firstName, member.middleName, member.firstSurname, member.secondSurname].filter(Boolean).join(" ");
  }

  @FieldResolver(() => Ips, { nullable: true, description: "IPS primaria asignada (no la ve el empleador: es información de salud)" })
  @VisibleTo(PERSONAL_DATA)
  primaryIps(@Root() member: MemberDoc): Ips {
    return ipsRef(member.primaryIpsCode);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: "La IPS primaria está en otro municipio que el de residencia (tras un cambio de domicilio): debe elegir una nueva con changePrimaryIps",
  })
  @VisibleTo(PERSONAL_DATA)
  primaryIpsNeedsChange(@Root() member: MemberDoc): boolean {
    // The REPS code begins with the IPS's DANE municipality: no lookup needed.
    return ipsMunicipality(member.primaryIpsCode) !== member.municipalityCode;
  }

  @FieldResolver(() => [PrimaryIpsAssignment], { nullable: true, description: "Historia de IPS primarias, de la más reciente a la más antigua" })
  @VisibleTo(AFFILIATION_DETAIL)
  primaryIpsHistory(@Root() member: MemberDoc): PrimaryIpsAssignment[] {
    const history = member.primaryIpsHistory ?? [];
    return history
      .map((entry, i) => ({ ips: ipsRef(entry.ipsCode), since: entry.since, until: history[i + 1]?.since ?? null }))
      .reverse();
  }

  @FieldResolver(() => Employer, { nullable: true, description: "Empleador (cotizantes dependientes)" })
  @VisibleTo(["SELF", "AGENT", "EMPLOYER"])
  async employer(@Root() member: MemberDoc, @Ctx() ctx: Context): Promise<EmployerDoc | null> {
    return member.employerNit ? ctx.loaders.employerByNit.load(member.employerNit) : null;
  }

  @FieldResolver(() => FamilyGroup, {
    nullable: true,
    description: "Grupo familiar al que pertenece el afiliado (lo ven el cotizante del grupo y los agentes)",
  })
  async familyGroup(@Root() member: MemberDoc, @Ctx() ctx: Context): Promise<{ cotizante: MemberDoc; beneficiaries: MemberDoc[]; size: number } | null> {
    const cotizanteId = member.memberType === MemberType.COTIZANTE ? member._id : member.cotizanteId;
    if (!cotizanteId) return null;
    const cotizante = cotizanteId === member._id ? member : await ctx.loaders.memberById.load(cotizanteId);
    if (!cotizante) return null;
    const access = accessTo(ctx.viewer, cotizante);
    if (access !== "SELF" && access !== "AGENT") {
      throw forbidden("Solo el cotizante del grupo familiar puede consultarlo.");
    }
    const beneficiaries = await ctx.loaders.beneficiariesOf.load(cotizanteId);
    for (const beneficiary of beneficiaries) authorizeMember(ctx, beneficiary);
    return { cotizante: authorizeMember(ctx, cotizante), beneficiaries, size: beneficiaries.length };
  }

}

import {
  DocumentType,
  PageArgs,
  ageOn,
  todayInColombia,
  badUserInput,
  conflict,
  findPage,
  forbidden,
  ipsMunicipality,
  isValidDocumentNumber,
  notFound,
  requireRole,
  requireViewer,
  selectsField,
} from "@sos/kit";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { Employer } from "../employer/employer.type.js";
import type { EmployerDoc } from "../employer/employer.model.js";
import { FamilyGroup } from "../family/family.type.js";
import { Ips, ipsRef } from "../ips/ips.type.js";
import {
  ADMINISTRATIVE,
  ANY_RELATION,
  AGENT_PURPOSE_MESSAGE,
  PERSONAL,
  VisibleTo,
  accessTo,
  authorizeMember,
  foundMember,
  type MemberAccess,
} from "./member.access.js";
import { ENTITLED_STATES, MemberType } from "./member.enums.js";
import { ChangePrimaryIpsInput, UpdateContactDataInput } from "./member.input.js";
import type { MemberDoc } from "./member.model.js";
import { memberWritten } from "./member.loader.js";
import { Member } from "./member.type.js";
import { MemberConnection, PrimaryCareOption, PrimaryIpsAssignment, RightsCheck } from "./member.views.js";

const CHANGE_ALLOWED: MemberAccess[] = ["SELF", "COTIZANTE", "AGENT"];
const ADULT_AGE = 18;

/**
 * The member a write is about: the viewer, a minor beneficiary of the viewer's group (an adult
 * beneficiary manages their own data), or (agents) anyone, always with a stated purpose. FORBIDDEN for
 * any other role or relation.
 */
export async function memberForChange(ctx: Context, memberId: string | undefined, field: string): Promise<MemberDoc> {
  const viewer = requireRole(ctx.viewer, "MEMBER", "AGENT");
  const id = memberId ?? viewer.memberId;
  if (!id) throw badUserInput({ field, message: "Indique el afiliado (memberId)." });
  const member = await ctx.loaders.memberById.load(id);
  if (!member) {
    if (viewer.role === "AGENT") throw notFound("No existe un afiliado con ese identificador.");
    throw forbidden("No puede modificar los datos de ese afiliado.");
  }
  const access = accessTo(viewer, member);
  if (!CHANGE_ALLOWED.includes(access)) throw forbidden("No puede modificar los datos de ese afiliado.");
  if (access === "COTIZANTE" && ageOn(member.birthDate, todayInColombia()) >= ADULT_AGE) {
    throw forbidden("Un beneficiario mayor de edad actualiza sus propios datos.");
  }
  if (access === "AGENT" && !ctx.purpose) throw forbidden(AGENT_PURPOSE_MESSAGE);
  return member;
}

function checkDocument(documentType: DocumentType, documentNumber: string): void {
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
  async member(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<MemberDoc | null> {
    requireViewer(ctx.viewer);
    return foundMember(ctx, await ctx.loaders.memberById.load(id));
  }

  @Query(() => Member, {
    nullable: true,
    description: "Un afiliado por su documento (agentes; IPS solo para sus pacientes asignados: para los demás use rightsCheck)",
  })
  async memberByDocument(
    @Arg("documentType", () => DocumentType) documentType: DocumentType,
    @Arg("documentNumber", () => String) documentNumber: string,
    @Ctx() ctx: Context,
  ): Promise<MemberDoc | null> {
    requireViewer(ctx.viewer);
    checkDocument(documentType, documentNumber);
    return foundMember(ctx, await ctx.loaders.memberByDocument.load({ documentType, documentNumber }));
  }

  @Query(() => RightsCheck, { description: "Comprobación de derechos de quien se presenta en una IPS (roles IPS y AGENT)" })
  async rightsCheck(
    @Arg("documentType", () => DocumentType) documentType: DocumentType,
    @Arg("documentNumber", () => String) documentNumber: string,
    @Ctx() ctx: Context,
  ): Promise<RightsCheck> {
    const viewer = requireRole(ctx.viewer, "IPS", "AGENT");
    if (viewer.role === "AGENT" && !ctx.purpose) throw forbidden(AGENT_PURPOSE_MESSAGE);
    checkDocument(documentType, documentNumber);
    const member = await ctx.loaders.memberByDocument.load({ documentType, documentNumber });
    if (member) ctx.audit.record("RIGHTS_CHECK", member._id);
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
    return findPage({
      model: ctx.models.members,
      filter: { primaryIpsCode: viewer.ipsCode as string },
      sortField: "sortKey",
      args: page,
      withTotal: selectsField(info, "totalCount"),
    });
  }

  @Query(() => [PrimaryCareOption], {
    description: "IPS de la red primaria activas en el municipio del afiliado, entre las que puede elegir (máximo 50)",
  })
  async primaryCareOptions(
    @Arg("memberId", () => ID, { nullable: true, description: "Por defecto, usted" }) memberId: string | undefined,
    @Ctx() ctx: Context,
  ): Promise<PrimaryCareOption[]> {
    const member = await memberForChange(ctx, memberId, "memberId");
    const options = await ctx.models.networkIps
      .find({ municipalityCode: member.municipalityCode, primaryCare: true, active: true })
      .sort({ name: 1 })
      .limit(50)
      .lean()
      .exec();
    return options.map((ips) => ({
      ips: ipsRef(ips._id),
      name: ips.name,
      municipalityCode: ips.municipalityCode,
      current: ips._id === member.primaryIpsCode,
    }));
  }

  @FieldResolver(() => String, { nullable: true, description: "Nombre completo" })
  @VisibleTo(ANY_RELATION)
  fullName(@Root() member: MemberDoc): string {
    return [member.firstName, member.middleName, member.firstSurname, member.secondSurname].filter(Boolean).join(" ");
  }

  @FieldResolver(() => Ips, { nullable: true, description: "IPS primaria asignada (no la ve el empleador: es información de salud)" })
  @VisibleTo(PERSONAL)
  primaryIps(@Root() member: MemberDoc): Ips {
    return ipsRef(member.primaryIpsCode);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: "La IPS primaria está en otro municipio que el de residencia (tras un cambio de domicilio): debe elegir una nueva con changePrimaryIps",
  })
  @VisibleTo(PERSONAL)
  primaryIpsNeedsChange(@Root() member: MemberDoc): boolean {
    // The REPS code begins with the IPS's DANE municipality: no lookup needed.
    return ipsMunicipality(member.primaryIpsCode) !== member.municipalityCode;
  }

  @FieldResolver(() => [PrimaryIpsAssignment], { nullable: true, description: "Historia de IPS primarias, de la más reciente a la más antigua" })
  @VisibleTo(ADMINISTRATIVE)
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

  @Mutation(() => Member, {
    description:
      "Actualiza los datos básicos (contacto y municipio de residencia). Tras un cambio de municipio, primaryIpsNeedsChange indica si debe elegir una IPS primaria del nuevo municipio.",
  })
  async updateContactData(@Arg("input", () => UpdateContactDataInput) input: UpdateContactDataInput, @Ctx() ctx: Context): Promise<MemberDoc> {
    const { memberId, ...changes } = input;
    const set: Record<string, string | null> = {};
    for (const key of ["email", "mobile", "landline", "address"] as const) {
      if (changes[key] !== undefined) set[`contact.${key}`] = changes[key] ?? null;
    }
    if (changes.municipalityCode) set["municipalityCode"] = changes.municipalityCode;
    if (!Object.keys(set).length) throw badUserInput({ field: "input", message: "Envíe al menos un dato para actualizar." });
    const member = await memberForChange(ctx, memberId, "input.memberId");
    const updated = await ctx.models.members
      .findOneAndUpdate({ _id: member._id }, { $set: set }, { returnDocument: "after" })
      .lean<MemberDoc>()
      .exec();
    if (!updated) throw notFound("El afiliado ya no existe.");
    memberWritten(ctx.loaders, updated, ctx.memberAccess);
    if (accessTo(ctx.viewer, member) === "AGENT") ctx.audit.record("MEMBER_UPDATE", member._id);
    return updated;
  }

  @Mutation(() => Member, {
    description: "Cambia la IPS primaria: solo a una IPS activa de la red primaria del municipio del afiliado. Conserva la historia.",
  })
  async changePrimaryIps(@Arg("input", () => ChangePrimaryIpsInput) input: ChangePrimaryIpsInput, @Ctx() ctx: Context): Promise<MemberDoc> {
    const member = await memberForChange(ctx, input.memberId, "input.memberId");
    const field = "input.ipsCode";
    if (member.state !== "ACTIVO" && member.state !== "PROTECCION_LABORAL") {
      throw conflict("Solo un afiliado activo puede cambiar de IPS primaria.");
    }
    if (input.ipsCode === member.primaryIpsCode) throw badUserInput({ field, message: "Esa ya es la IPS primaria del afiliado." });
    const ips = await ctx.models.networkIps.findById(input.ipsCode).lean().exec();
    if (!ips) throw badUserInput({ field, message: "La IPS no pertenece a la red de S.O.S." });
    if (!ips.active || !ips.primaryCare) {
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
          $set: { primaryIpsCode: ips._id },
          $push: { primaryIpsHistory: { ipsCode: ips._id, since: new Date(), changedBy: ctx.viewer?.subject ?? "" } },
        },
        { returnDocument: "after" },
      )
      .lean<MemberDoc>()
      .exec();
    if (!updated) throw conflict("La IPS primaria cambió mientras se procesaba su solicitud. Consulte de nuevo e intente otra vez.");
    memberWritten(ctx.loaders, updated, ctx.memberAccess);
    if (accessTo(ctx.viewer, member) === "AGENT") ctx.audit.record("PRIMARY_IPS_CHANGE", member._id);
    return updated;
  }
}

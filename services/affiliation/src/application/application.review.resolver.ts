import { conflict, durableTransaction, isDuplicateKeyError, notFound, recordAgentAccess, requirePurpose, requireRole, todayInColombia } from "@sos/kit";
import { Length } from "class-validator";
import type { ClientSession } from "mongoose";
import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, ObjectType, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { beneficiaryOf, candidateOf, groupNotice, withFamilyGroup } from "../family/family.group.js";
import { beneficiaryViolation } from "../family/family.rules.js";
import { isActivePrimary, primaryClinicsOf } from "../ips/directory.client.js";
import { LEFT_GROUP_STATES } from "../member/member.access.js";
import { enrol, newMember } from "../member/member.enrol.js";
import { MemberType } from "../member/member.enums.js";
import { familyWritten } from "../member/member.loader.js";
import { initialsOf, type MemberDoc } from "../member/member.model.js";
import { notify, outboxMessage } from "../outbox/outbox.model.js";
import { ApplicationStatus, type ApplicationDoc } from "./application.model.js";

@ObjectType({ description: "Decisión sobre una solicitud de afiliación" })
class ApplicationDecision {
  @Field(() => ID, { description: "Número de radicado de la solicitud (AF-AAAA-NNNNNNN)" })
  filingNumber!: string;

  @Field(() => String, { description: "APROBADA o RECHAZADA" })
  status!: string;

  @Field(() => ID, { nullable: true, description: "El afiliado creado o reactivado (aprobadas)" })
  memberId!: string | null;

  @Field(() => [ID], { description: "Los beneficiarios inscritos con el cotizante (aprobadas con grupo familiar)" })
  beneficiaryIds!: string[];

  @Field(() => String, { nullable: true, description: "Motivo (rechazadas)" })
  rejectionReason!: string | null;
}

@ArgsType()
class RejectArgs {
  @Field(() => ID, { description: "Número de radicado de la solicitud (AF-AAAA-NNNNNNN)" })
  @Length(3, 40)
  filingNumber!: string;

  @Field(() => String, { description: "Motivo del rechazo (5 a 500 caracteres): se comunica al solicitante" })
  @Length(5, 500, { message: "Indique el motivo del rechazo (5 a 500 caracteres)." })
  reason!: string;
}

interface Approval {
  memberId: string;
  beneficiaryIds: string[];
  /** The group that changed: the new cotizante's own, or the one the applicant joined. */
  cotizanteId: string;
}

/**
 * The review queue's decisions (agents, with a purpose). An approval creates the member — and the family
 * group the application brings, or the link to the group it asks to join — in the one transaction that
 * moves the application, guarded by its state: approving twice, or two agents at once, creates one
 * member. The applicant (and a cotizante whose group grows) is told through the outbox.
 */
@Resolver()
export class ApplicationReviewResolver {
  @Mutation(() => ApplicationDecision, {
    description:
      "Aprueba una solicitud radicada (agentes): crea el afiliado —cotizante con una IPS primaria activa de su municipio y los beneficiarios que inscribe, o beneficiario del grupo que pidió— o reactiva a quien se había retirado, y avisa al solicitante",
  })
  async approveAffiliationApplication(@Arg("filingNumber", () => ID, { description: "Número de radicado de la solicitud (AF-AAAA-NNNNNNN)" }) filingNumber: string, @Ctx() ctx: Context): Promise<ApplicationDecision> {
    const viewer = agent(ctx);
    const application = await this.open(ctx, filingNumber);
    let approval: Approval;
    try {
      approval = application.joinFamilyGroup ? await joinGroup(ctx, application, viewer.subject) : await enrolWithFamily(ctx, application, viewer.subject);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw conflict("Una persona de la solicitud ya es afiliada: esta solicitud no la afilia de nuevo; recházela indicándolo.");
      throw error;
    }
    familyWritten(ctx.loaders, approval.cotizanteId, ctx.memberAccess, approval.memberId, ...approval.beneficiaryIds);
    recordAgentAccess(ctx, "APPLICATION_APPROVE", approval.memberId);
    return { filingNumber, status: ApplicationStatus.APROBADA, memberId: approval.memberId, beneficiaryIds: approval.beneficiaryIds, rejectionReason: null };
  }

  @Mutation(() => ApplicationDecision, { description: "Rechaza una solicitud radicada o duplicada con su motivo y avisa al solicitante (agentes)" })
  async rejectAffiliationApplication(@Args(() => RejectArgs) args: RejectArgs, @Ctx() ctx: Context): Promise<ApplicationDecision> {
    const viewer = agent(ctx);
    // A duplicate (already a member, or another application under way) is resolved by rejecting it with the reason.
    const application = await this.open(ctx, args.filingNumber, [ApplicationStatus.RADICADA, ApplicationStatus.DUPLICADA]);
    const now = new Date();
    await durableTransaction(ctx.connection, async (session) => {
      await decide(ctx, session, application, { status: ApplicationStatus.RECHAZADA, rejectionReason: args.reason }, viewer.subject, now);
      await tellApplicant(ctx, session, application, "Su solicitud de afiliación no fue aprobada", `Su solicitud ${application.filingNumber} no fue aprobada: ${args.reason}`, now);
    });
    return { filingNumber: args.filingNumber, status: ApplicationStatus.RECHAZADA, memberId: null, beneficiaryIds: [], rejectionReason: args.reason };
  }

  private async open(ctx: Context, filingNumber: string, open: readonly ApplicationStatus[] = [ApplicationStatus.RADICADA]): Promise<ApplicationDoc> {
    const application = await ctx.models.applications.findOne({ filingNumber }).lean<ApplicationDoc>().exec();
    if (!application) throw notFound(`No hay una solicitud ${filingNumber}.`);
    if (!open.includes(application.status)) throw conflict(`La solicitud ${filingNumber} está ${application.status}: no admite esta decisión.`, { status: application.status });
    return application;
  }
}

/** The applicant as a new cotizante, with the beneficiaries the application lists. */
async function enrolWithFamily(ctx: Context, application: ApplicationDoc, by: string): Promise<Approval> {
  // The directory decides the primary clinic: an active primary-network clinic of the municipality.
  const clinic = (await primaryClinicsOf(ctx, application.municipalityCode)).find(isActivePrimary);
  if (!clinic) throw conflict(`No hay una IPS primaria activa en el municipio ${application.municipalityCode}: no se puede afiliar hasta que la haya.`);
  const now = new Date();
  const fresh = newMember(
    application.person,
    {
      contact: application.contact,
      municipalityCode: application.municipalityCode,
      regime: application.regime,
      memberType: MemberType.COTIZANTE,
      cotizanteKind: application.cotizanteKind ?? null,
      sisbenGroup: application.sisbenGroup ?? null,
      employerNit: application.employerNit ?? null,
      primaryIpsCode: clinic.habilitationCode,
    },
    "AFILIACION",
    by,
    now,
  );
  const listed = application.beneficiaries ?? [];
  return durableTransaction(ctx.connection, async (session) => {
    await decide(ctx, session, application, { status: ApplicationStatus.APROBADA }, by, now);
    const memberId = await enrol(ctx, session, fresh);
    // The group's rules again, now on the group as stored (a returning cotizante may have one from before).
    const beneficiaryIds = listed.length === 0 ? [] : await withFamilyGroup(ctx, session, memberId, async (cotizante, group) => {
      const ids: string[] = [];
      const current = [...group];
      for (const [i, terms] of listed.entries()) {
        // Already in the group (a protected cotizante's family came back with them): nothing to add.
        const present = current.find((member) => member.documentType === terms.person.documentType && member.documentNumber === terms.person.documentNumber && !LEFT_GROUP_STATES.includes(member.state));
        if (present) {
          ids.push(present._id);
          continue;
        }
        const violation = beneficiaryViolation(cotizante, current, candidateOf(terms, todayInColombia(now)));
        if (violation) throw conflict(`Beneficiario ${i + 1} de la solicitud: ${violation.message}`);
        const beneficiary = beneficiaryOf(cotizante, terms, by, now);
        ids.push(await enrol(ctx, session, beneficiary));
        current.push(beneficiary);
      }
      return ids;
    });
    await ctx.models.applications.updateOne({ _id: application._id }, { $set: { memberId } }, { session });
    const family = beneficiaryIds.length ? ` Con usted se afiliaron ${beneficiaryIds.length} beneficiarios.` : "";
    await tellApplicant(ctx, session, application, "Su afiliación a S.O.S. fue aprobada", `Su solicitud ${application.filingNumber} fue aprobada: ya es afiliado a S.O.S. Su IPS primaria es ${clinic.name}.${family}`, now);
    return { memberId, beneficiaryIds, cotizanteId: memberId };
  });
}

/** The applicant as a beneficiary of the cotizante they named; the cotizante is told. */
async function joinGroup(ctx: Context, application: ApplicationDoc, by: string): Promise<Approval> {
  const join = application.joinFamilyGroup as NonNullable<ApplicationDoc["joinFamilyGroup"]>;
  const cotizante = await ctx.loaders.memberByDocument.load({ documentType: join.cotizanteDocumentType, documentNumber: join.cotizanteDocumentNumber });
  if (!cotizante || cotizante.memberType !== MemberType.COTIZANTE) {
    throw conflict(`No hay un cotizante de S.O.S. con ${join.cotizanteDocumentType} ${join.cotizanteDocumentNumber}: rechace la solicitud indicándolo.`);
  }
  const now = new Date();
  const terms = { ...join, person: application.person };
  return durableTransaction(ctx.connection, async (session) => {
    await decide(ctx, session, application, { status: ApplicationStatus.APROBADA }, by, now);
    const memberId = await withFamilyGroup(ctx, session, cotizante._id, async (current, group) => {
      const violation = beneficiaryViolation(current, group, candidateOf(terms, todayInColombia(now)));
      if (violation) throw conflict(`${violation.message} Rechace la solicitud indicándolo.`);
      const beneficiary: MemberDoc = { ...beneficiaryOf(current, terms, by, now), contact: { ...application.contact, address: application.contact.address ?? current.contact.address ?? null } };
      const id = await enrol(ctx, session, beneficiary);
      await notify(ctx.models.outbox, session, groupNotice(current, `Se inscribió a ${initialsOf(application.person)} como beneficiario de su grupo familiar (solicitud ${application.filingNumber}).`, now));
      return id;
    });
    await ctx.models.applications.updateOne({ _id: application._id }, { $set: { memberId } }, { session });
    await tellApplicant(ctx, session, application, "Su afiliación a S.O.S. fue aprobada", `Su solicitud ${application.filingNumber} fue aprobada: ya es beneficiario en el grupo familiar que indicó.`, now);
    return { memberId, beneficiaryIds: [], cotizanteId: cotizante._id };
  });
}

/** The application leaves the state it was decided on once: a second decision (or a race) is a CONFLICT. */
async function decide(ctx: Context, session: ClientSession, application: ApplicationDoc, set: Partial<ApplicationDoc>, by: string, at: Date): Promise<void> {
  const moved = await ctx.models.applications.updateOne({ _id: application._id, status: application.status }, { $set: { ...set, decidedAt: at, decidedBy: by } }, { session });
  if (moved.modifiedCount !== 1) throw conflict(`La solicitud ${application.filingNumber} ya fue decidida.`);
}

const tellApplicant = (ctx: Context, session: ClientSession, application: ApplicationDoc, subject: string, body: string, at: Date): Promise<void> =>
  notify(ctx.models.outbox, session, outboxMessage(application, { filingNumber: application.filingNumber }, subject, body, at));

function agent(ctx: Context) {
  const viewer = requireRole(ctx.viewer, "AGENT");
  requirePurpose(ctx);
  return viewer;
}

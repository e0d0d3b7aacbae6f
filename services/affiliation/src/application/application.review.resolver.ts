import { conflict, durableTransaction, isDuplicateKeyError, newId, requirePurpose, requireRole, todayInColombia } from "@sos/kit";
import { Length } from "class-validator";
import type { ClientSession } from "mongoose";
import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, ObjectType, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { isActivePrimary, primaryClinicsOf } from "../ips/directory.client.js";
import { AffiliationState, MemberType } from "../member/member.enums.js";
import { sortKeyOf, sortNameOf, type MemberDoc } from "../member/member.model.js";
import { ApplicationStatus, type ApplicationDoc } from "./application.model.js";
import type { OutboxDoc } from "./outbox.model.js";

@ObjectType({ description: "Decisión sobre una solicitud de afiliación" })
class ApplicationDecision {
  @Field(() => ID)
  filingNumber!: string;

  @Field(() => String, { description: "APROBADA o RECHAZADA" })
  status!: string;

  @Field(() => ID, { nullable: true, description: "El afiliado creado (aprobadas)" })
  memberId!: string | null;

  @Field(() => String, { nullable: true, description: "Motivo (rechazadas)" })
  rejectionReason!: string | null;
}

@ArgsType()
class RejectArgs {
  @Field(() => ID)
  @Length(3, 40)
  filingNumber!: string;

  @Field(() => String)
  @Length(5, 500, { message: "Indique el motivo del rechazo (5 a 500 caracteres)." })
  reason!: string;
}

/**
 * The review queue's decisions (agents, with a purpose): an approval creates the member in the same
 * transaction that moves the application, guarded by its state — approving twice creates one member —
 * and tells the applicant through the outbox; a rejection says why.
 */
@Resolver()
export class ApplicationReviewResolver {
  @Mutation(() => ApplicationDecision, { description: "Aprueba una solicitud radicada: crea el afiliado (cotizante) con una IPS primaria activa de su municipio y avisa al solicitante (agentes)" })
  async approveAffiliationApplication(@Arg("filingNumber", () => ID) filingNumber: string, @Ctx() ctx: Context): Promise<ApplicationDecision> {
    const viewer = agent(ctx);
    const application = await this.radicada(ctx, filingNumber);
    // The directory decides the primary clinic: an active primary-network clinic of the municipality.
    const clinic = (await primaryClinicsOf(ctx, application.municipalityCode)).find(isActivePrimary);
    if (!clinic) throw conflict(`No hay una IPS primaria activa en el municipio ${application.municipalityCode}: no se puede afiliar hasta que la haya.`);
    const now = new Date();
    const fresh = memberFrom(application, clinic.habilitationCode, viewer.subject, now);
    // A person who was a member and retired comes back as the same member: history, family and ledger follow.
    const former = await ctx.models.members.findOne({ documentType: application.person.documentType, documentNumber: application.person.documentNumber }).lean<MemberDoc>().exec();
    if (former && former.state !== AffiliationState.RETIRADO) throw conflict("La persona ya es afiliada: esta solicitud no crea un afiliado nuevo; recházela indicándolo.");
    const memberId = former?._id ?? fresh._id;
    try {
      await durableTransaction(ctx.connection, async (session) => {
        await decide(ctx, session, application, { status: ApplicationStatus.APROBADA, memberId }, viewer.subject, now);
        if (former) await reactivate(ctx, session, former, fresh);
        else await ctx.models.members.create([fresh], { session });
        await ctx.models.outbox.create([message(application, "Su afiliación a S.O.S. fue aprobada", `Su solicitud ${application.filingNumber} fue aprobada: ya es afiliado a S.O.S. Su IPS primaria es ${clinic.name}.`, now)], { session });
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw conflict("La persona ya es afiliada: esta solicitud no crea un afiliado nuevo.");
      throw error;
    }
    ctx.loaders.memberById.clear(memberId);
    ctx.loaders.memberByDocument.clearAll();
    return { filingNumber, status: ApplicationStatus.APROBADA, memberId, rejectionReason: null };
  }

  @Mutation(() => ApplicationDecision, { description: "Rechaza una solicitud radicada con su motivo y avisa al solicitante (agentes)" })
  async rejectAffiliationApplication(@Args(() => RejectArgs) args: RejectArgs, @Ctx() ctx: Context): Promise<ApplicationDecision> {
    const viewer = agent(ctx);
    // A duplicate (already a member, or another application under way) is resolved by rejecting it with the reason.
    const application = await this.radicada(ctx, args.filingNumber, [ApplicationStatus.RADICADA, ApplicationStatus.DUPLICADA]);
    const now = new Date();
    await durableTransaction(ctx.connection, async (session) => {
      await decide(ctx, session, application, { status: ApplicationStatus.RECHAZADA, rejectionReason: args.reason }, viewer.subject, now);
      await ctx.models.outbox.create([message(application, "Su solicitud de afiliación no fue aprobada", `Su solicitud ${application.filingNumber} no fue aprobada: ${args.reason}`, now)], { session });
    });
    return { filingNumber: args.filingNumber, status: ApplicationStatus.RECHAZADA, memberId: null, rejectionReason: args.reason };
  }

  private async radicada(ctx: Context, filingNumber: string, open: readonly ApplicationStatus[] = [ApplicationStatus.RADICADA]): Promise<ApplicationDoc> {
    const application = await ctx.models.applications.findOne({ filingNumber }).lean<ApplicationDoc>().exec();
    if (!application) throw conflict(`No hay una solicitud ${filingNumber}.`);
    if (!open.includes(application.status)) throw conflict(`La solicitud ${filingNumber} está ${application.status}: no admite esta decisión.`, { status: application.status });
    return application;
  }
}

/** The application leaves the state it was decided on once: a second decision (or a race) is a CONFLICT. */
async function decide(ctx: Context, session: ClientSession, application: ApplicationDoc, set: Partial<ApplicationDoc>, by: string, at: Date): Promise<void> {
  const moved = await ctx.models.applications.updateOne({ _id: application._id, status: application.status }, { $set: { ...set, decidedAt: at, decidedBy: by } }, { session });
  if (moved.modifiedCount !== 1) throw conflict(`La solicitud ${application.filingNumber} ya fue decidida.`);
}

/** A retired member back: the same id, the application's new particulars, a new primary clinic added to the history. */
async function reactivate(ctx: Context, session: ClientSession, former: MemberDoc, fresh: MemberDoc): Promise<void> {
  const back = await ctx.models.members.updateOne(
    { _id: former._id, state: AffiliationState.RETIRADO },
    {
      $set: {
        state: AffiliationState.ACTIVO,
        affiliationDate: fresh.affiliationDate,
        contact: fresh.contact,
        municipalityCode: fresh.municipalityCode,
        regime: fresh.regime,
        memberType: fresh.memberType,
        cotizanteKind: fresh.cotizanteKind,
        sisbenGroup: fresh.sisbenGroup,
        employerNit: fresh.employerNit,
        cotizanteId: null,
        relationship: null,
        retirement: null,
        primaryIpsCode: fresh.primaryIpsCode,
      },
      $push: { primaryIpsHistory: fresh.primaryIpsHistory[0] },
    },
    { session },
  );
  if (back.modifiedCount !== 1) throw conflict("El afiliado cambió mientras se revisaba la solicitud: consúltelo de nuevo.");
}

function memberFrom(application: ApplicationDoc, primaryIpsCode: string, by: string, at: Date): MemberDoc {
  const { person } = application;
  const id = newId();
  const sortName = sortNameOf(person);
  return {
    _id: id,
    documentType: person.documentType,
    documentNumber: person.documentNumber,
    firstName: person.firstName,
    middleName: person.middleName ?? null,
    firstSurname: person.firstSurname,
    secondSurname: person.secondSurname ?? null,
    sortName,
    sortKey: sortKeyOf(sortName, id),
    birthDate: person.birthDate,
    sex: person.sex,
    contact: { email: application.contact.email ?? null, mobile: application.contact.mobile ?? null, landline: application.contact.landline ?? null, address: application.contact.address ?? null },
    municipalityCode: application.municipalityCode,
    regime: application.regime,
    memberType: MemberType.COTIZANTE,
    cotizanteKind: application.cotizanteKind ?? null,
    state: AffiliationState.ACTIVO,
    affiliationDate: todayInColombia(at),
    sisbenGroup: application.sisbenGroup ?? null,
    incomeBand: null,
    primaryIpsCode,
    primaryIpsHistory: [{ ipsCode: primaryIpsCode, since: at, changedBy: by }],
    employerNit: application.employerNit ?? null,
    cotizanteId: null,
    relationship: null,
    permanentDisability: false,
    economicDependent: false,
    familyVersion: 0,
  };
}

function message(application: ApplicationDoc, subject: string, body: string, at: Date): OutboxDoc {
  const id = newId();
  const email = application.contact.email ?? null;
  return { _id: id, filingNumber: application.filingNumber, channel: email ? "EMAIL" : "SMS", to: email ?? application.contact.mobile ?? "", subject, body, createdAt: at, sentAt: null, pendingKey: `${at.toISOString()}:${id}` };
}

function agent(ctx: Context) {
  const viewer = requireRole(ctx.viewer, "AGENT");
  requirePurpose(ctx);
  return viewer;
}

import { ageOn, badUserInput, conflict, forbidden, isDuplicateKeyError, newId, notFound, recordAgentAccess, requireAgentPurpose, requireRole, todayInColombia } from "@sos/kit";
import type { ClientSession } from "mongoose";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { LEFT_GROUP_STATES, authorizeMember } from "../member/member.access.js";
import type { Context } from "../context.js";
import { memberForChange } from "../member/member.change.js";
import { AffiliationState, MemberType } from "../member/member.enums.js";
import { familyWritten } from "../member/member.loader.js";
import { sortKeyOf, sortNameOf, type MemberDoc } from "../member/member.model.js";
import { Member } from "../member/member.type.js";
import { AddBeneficiaryInput, BeneficiaryRetirementReason, RetireBeneficiaryInput } from "./family.input.js";
import { FamilyGroup } from "./family.type.js";
import { beneficiaryViolation } from "./family.rules.js";

// The same words whatever the reason the document is taken, so adding a beneficiary is no way to learn
// whether a stranger is a member. The group rules are checked first, for the same reason.
const CANNOT_ENROL = "No es posible inscribir a esta persona como beneficiario. Si cree que es un error, comuníquese con la línea 01 8000 938 777.";

/**
 * Runs a change to a cotizante's family group in one transaction, guarded by the group's version: two
 * concurrent changes (two spouses, a child added while the parents are retired) cannot both pass the
 * rules on the same state of the group. withTransaction retries a transient write conflict, and the
 * retry sees the other's write; a lost version race answers CONFLICT.
 */
async function changeFamilyGroup<T>(
  ctx: Context,
  cotizanteId: string,
  change: (cotizante: MemberDoc, group: MemberDoc[], session: ClientSession) => Promise<T>,
): Promise<T> {
  const { members } = ctx.models;
  const session = await ctx.connection.startSession();
  try {
    let result: { value: T } | null = null;
    await session.withTransaction(
      async () => {
        const cotizante = await members.findById(cotizanteId).session(session).lean<MemberDoc>().exec();
        if (!cotizante) throw conflict("El cotizante ya no existe.");
        const group = await members.find({ cotizanteId }).session(session).lean<MemberDoc[]>().exec();
        const value = await change(cotizante, group, session);
        const bumped = await members
          .updateOne({ _id: cotizanteId, familyVersion: cotizante.familyVersion }, { $inc: { familyVersion: 1 } }, { session })
          .exec();
        if (bumped.modifiedCount !== 1) throw conflict("El grupo familiar cambió mientras se procesaba la solicitud. Intente de nuevo.");
        result = { value };
      },
      { writeConcern: { w: "majority", j: true } },
    );
    if (!result) throw conflict("No se pudo completar el cambio del grupo familiar. Intente de nuevo.");
    return (result as { value: T }).value;
  } finally {
    await session.endSession();
  }
}

@Resolver()
export class FamilyResolver {
  @Mutation(() => Member, {
    description:
      "Inscribe un beneficiario en el grupo familiar del cotizante. Reglas: un cónyuge o compañero(a); hijos menores de 25 que dependan del cotizante, o de cualquier edad con incapacidad permanente; padres solo sin cónyuge ni hijos y si dependen del cotizante.",
  })
  async addBeneficiary(@Arg("input", () => AddBeneficiaryInput) input: AddBeneficiaryInput, @Ctx() ctx: Context): Promise<MemberDoc> {
    const target = await memberForChange(ctx, input.cotizanteId, "input.cotizanteId");
    const { person } = input;
    const age = ageOn(person.birthDate, todayInColombia());
    try {
      const created = await changeFamilyGroup(ctx, target._id, async (cotizante, group, session) => {
        const violation = beneficiaryViolation(cotizante, group, {
          relationship: input.relationship,
          age,
          permanentDisability: input.permanentDisability,
          economicDependent: input.economicDependent,
        });
        if (violation?.kind === "input") throw badUserInput({ field: violation.field, message: violation.message });
        if (violation?.kind === "conflict") throw conflict(violation.message);

        const now = new Date();
        const id = newId();
        const sortName = sortNameOf(person);
        const doc: MemberDoc = {
          _id: id,
          ...person,
          middleName: person.middleName ?? null,
          secondSurname: person.secondSurname ?? null,
          sortName,
          sortKey: sortKeyOf(sortName, id),
          contact: { email: null, mobile: null, landline: null, address: cotizante.contact.address ?? null },
          municipalityCode: cotizante.municipalityCode,
          regime: cotizante.regime,
          memberType: MemberType.BENEFICIARIO,
          cotizanteKind: null,
          state: AffiliationState.ACTIVO,
          affiliationDate: todayInColombia(now),
          sisbenGroup: cotizante.sisbenGroup ?? null,
          primaryIpsCode: cotizante.primaryIpsCode,
          primaryIpsHistory: [{ ipsCode: cotizante.primaryIpsCode, since: now, changedBy: ctx.viewer?.subject ?? "" }],
          employerNit: null,
          cotizanteId: cotizante._id,
          relationship: input.relationship,
          permanentDisability: input.permanentDisability,
          economicDependent: input.economicDependent,
          familyVersion: 0,
        };
        await ctx.models.members.create([doc], { session });
        return doc;
      });
      familyWritten(ctx.loaders, target._id, ctx.memberAccess, created._id);
      recordAgentAccess(ctx, "BENEFICIARY_ADD", target._id);
      return created;
    } catch (error) {
      // The unique index on the document is the duplicate check: no read-then-insert race.
      if (isDuplicateKeyError(error)) throw conflict(CANNOT_ENROL);
      throw error;
    }
  }

  @Mutation(() => FamilyGroup, {
    description:
      "Retira a un beneficiario del grupo familiar (el cotizante del grupo o un agente). Devuelve el grupo como queda. Un beneficiario retirado deja de ser visible para el cotizante.",
  })
  async retireBeneficiary(
    @Arg("input", () => RetireBeneficiaryInput) input: RetireBeneficiaryInput,
    @Ctx() ctx: Context,
  ): Promise<{ cotizante: MemberDoc; beneficiaries: MemberDoc[]; size: number }> {
    const viewer = requireRole(ctx.viewer, "MEMBER", "AGENT");
    requireAgentPurpose(ctx);
    const beneficiary = await ctx.loaders.memberById.load(input.memberId);
    const inGroup = beneficiary?.cotizanteId && (viewer.role === "AGENT" || beneficiary.cotizanteId === viewer.memberId);
    if (!beneficiary || !inGroup) {
      if (viewer.role === "AGENT") throw notFound("No existe un beneficiario con ese identificador.");
      throw forbidden("Solo el cotizante del grupo familiar puede retirar a sus beneficiarios.");
    }
    const cotizanteId = beneficiary.cotizanteId as string;
    const state = input.reason === BeneficiaryRetirementReason.FALLECIMIENTO ? AffiliationState.AFILIADO_FALLECIDO : AffiliationState.RETIRADO;
    await changeFamilyGroup(ctx, cotizanteId, async (_cotizante, _group, session) => {
      const retired = await ctx.models.members
        .updateOne(
          { _id: beneficiary._id, cotizanteId, state: { $nin: [...LEFT_GROUP_STATES] } },
          { $set: { state, retirement: { reason: input.reason, at: new Date(), by: viewer.subject } } },
          { session },
        )
        .exec();
      if (retired.modifiedCount !== 1) throw conflict("Este beneficiario ya no hace parte del grupo familiar.");
    });
    recordAgentAccess(ctx, "BENEFICIARY_RETIRE", beneficiary._id);
    // The group as it is now: this request's loaders cached it before the change.
    familyWritten(ctx.loaders, cotizanteId, ctx.memberAccess, beneficiary._id);
    const [cotizante, beneficiaries] = await Promise.all([ctx.loaders.memberById.load(cotizanteId), ctx.loaders.beneficiariesOf.load(cotizanteId)]);
    if (!cotizante) throw notFound("El cotizante ya no existe.");
    for (const member of beneficiaries) authorizeMember(ctx, member);
    return { cotizante: authorizeMember(ctx, cotizante), beneficiaries, size: beneficiaries.length };
  }
}

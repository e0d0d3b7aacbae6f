import { ageOn, badUserInput, conflict, todayInColombia } from "@sos/kit";
import { randomBytes } from "node:crypto";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { memberForChange } from "../member/member.resolver.js";
import { AffiliationState, MemberType } from "../member/member.enums.js";
import { sortKeyOf, sortNameOf, type MemberDoc } from "../member/member.model.js";
import { Member } from "../member/member.type.js";
import { AddBeneficiaryInput } from "./family.input.js";
import { beneficiaryViolation } from "./family.rules.js";

export const newMemberId = (): string => randomBytes(12).toString("hex");

const isDuplicateKey = (error: unknown): boolean => (error as { code?: number }).code === 11000;

// The same words whatever the reason the document is taken, so adding a beneficiary is no way to learn
// whether a stranger is a member. The group rules are checked first, for the same reason.
const CANNOT_ENROL = "No es posible inscribir a esta persona como beneficiario. Si cree que es un error, comuníquese con la línea 01 8000 938 777.";

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
    const { members } = ctx.models;

    // Rules and insert in one transaction, guarded by the group's version: two concurrent additions (say,
    // two spouses) cannot both pass the rules. withTransaction retries a transient conflict, and the retry
    // sees the other's write.
    const session = await ctx.connection.startSession();
    try {
      let created: MemberDoc | null = null;
      await session.withTransaction(
        async () => {
          const cotizante = await members.findById(target._id).session(session).lean<MemberDoc>().exec();
          if (!cotizante) throw conflict("El cotizante ya no existe.");
          const group = await members.find({ cotizanteId: cotizante._id }).session(session).lean<MemberDoc[]>().exec();
          const violation = beneficiaryViolation(cotizante, group, {
            relationship: input.relationship,
            age,
            permanentDisability: input.permanentDisability,
            economicDependent: input.economicDependent,
          });
          if (violation?.kind === "input") throw badUserInput({ field: violation.field, message: violation.message });
          if (violation?.kind === "conflict") throw conflict(violation.message);

          const now = new Date();
          const id = newMemberId();
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
          await members.create([doc], { session });
          const bumped = await members
            .updateOne({ _id: cotizante._id, familyVersion: cotizante.familyVersion }, { $inc: { familyVersion: 1 } }, { session })
            .exec();
          if (bumped.modifiedCount !== 1) throw conflict("El grupo familiar cambió mientras se procesaba la solicitud. Intente de nuevo.");
          created = doc;
        },
        { writeConcern: { w: "majority", j: true } },
      );
      if (!created) throw conflict("No se pudo inscribir el beneficiario. Intente de nuevo.");
      if (ctx.viewer?.role === "AGENT") ctx.audit.record("BENEFICIARY_ADD", target._id);
      return created;
    } catch (error) {
      // The unique index on the document is the duplicate check: no read-then-insert race.
      if (isDuplicateKey(error)) throw conflict(CANNOT_ENROL);
      throw error;
    } finally {
      await session.endSession();
    }
  }
}

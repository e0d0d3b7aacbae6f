import { ageOn, conflict, durableTransaction } from "@sos/kit";
import type { ClientSession } from "mongoose";
import type { Context } from "../context.js";
import { newMember } from "../member/member.enrol.js";
import { MemberType } from "../member/member.enums.js";
import type { MemberDoc } from "../member/member.model.js";
import { outboxMessage, type OutboxDoc } from "../outbox/outbox.model.js";
import type { BeneficiaryInput } from "./family.input.js";
import type { BeneficiaryCandidate } from "./family.rules.js";

export type FamilyChange<T> = (cotizante: MemberDoc, group: MemberDoc[], session: ClientSession) => Promise<T>;

/**
 * A change to a cotizante's family group inside the caller's transaction, guarded by the group's
 * version: two concurrent changes (two spouses, a child added while the parents are retired, an
 * application approved while the cotizante adds someone) cannot both pass the rules on the same state
 * of the group. The loser of the version race answers CONFLICT; a transient write conflict is retried by
 * the transaction, and the retry sees the winner's write.
 */
export async function withFamilyGroup<T>(ctx: Context, session: ClientSession, cotizanteId: string, change: FamilyChange<T>): Promise<T> {
  const { members } = ctx.models;
  const cotizante = await members.findById(cotizanteId).session(session).lean<MemberDoc>().exec();
  if (!cotizante) throw conflict("El cotizante ya no existe.");
  const group = await members.find({ cotizanteId }).session(session).lean<MemberDoc[]>().exec();
  const value = await change(cotizante, group, session);
  const bumped = await members.updateOne({ _id: cotizanteId, familyVersion: cotizante.familyVersion }, { $inc: { familyVersion: 1 } }, { session }).exec();
  if (bumped.modifiedCount !== 1) throw conflict("El grupo familiar cambió mientras se procesaba la solicitud. Intente de nuevo.");
  return value;
}

/** withFamilyGroup in a transaction of its own, committed on a journaled majority. */
export const changeFamilyGroup = <T>(ctx: Context, cotizanteId: string, change: FamilyChange<T>): Promise<T> =>
  durableTransaction(ctx.connection, (session) => withFamilyGroup(ctx, session, cotizanteId, change));

/** A beneficiary joining `cotizante`'s group: the group's régimen, clinic, municipality and income band. */
export function beneficiaryOf(cotizante: MemberDoc, input: BeneficiaryInput, by: string, at: Date): MemberDoc {
  return newMember(
    input.person,
    {
      contact: { address: cotizante.contact.address ?? null },
      municipalityCode: cotizante.municipalityCode,
      regime: cotizante.regime,
      memberType: MemberType.BENEFICIARIO,
      sisbenGroup: cotizante.sisbenGroup ?? null,
      incomeBand: cotizante.incomeBand ?? null,
      primaryIpsCode: cotizante.primaryIpsCode,
      cotizanteId: cotizante._id,
      relationship: input.relationship,
      permanentDisability: input.permanentDisability,
      economicDependent: input.economicDependent,
    },
    "AFILIACION",
    by,
    at,
  );
}

/** The rules' view of a candidate on a given day. */
export const candidateOf = (input: BeneficiaryInput, today: string): BeneficiaryCandidate => ({
  relationship: input.relationship,
  age: ageOn(input.person.birthDate, today),
  permanentDisability: input.permanentDisability,
  economicDependent: input.economicDependent,
});

/**
 * The notice a cotizante gets whenever their group changes, whoever changed it: strangers appearing as
 * beneficiaries is a known complaint, and the notice is how the cotizante learns of it.
 */
export function groupNotice(cotizante: MemberDoc, what: string, at: Date): OutboxDoc | null {
  return outboxMessage(cotizante, { memberId: cotizante._id }, "Cambio en su grupo familiar", `${what} Si usted no lo pidió, comuníquese con la línea 01 8000 938 777.`, at);
}

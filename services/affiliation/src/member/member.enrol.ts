import { conflict, newId, todayInColombia } from "@sos/kit";
import type { ClientSession } from "mongoose";
import type { Context } from "../context.js";
import { AffiliationState, MemberType } from "./member.enums.js";
import { sortKeyOf, sortNameOf, type MemberDoc } from "./member.model.js";

/** Who the person is, as a form collects it. */
export type PersonData = Pick<MemberDoc, "documentType" | "documentNumber" | "firstName" | "firstSurname" | "birthDate" | "sex"> &
  Partial<Pick<MemberDoc, "middleName" | "secondSurname">>;

/** Where the person enters the EPS: régimen, type, group, clinic. */
export type Membership = Pick<MemberDoc, "contact" | "municipalityCode" | "regime" | "memberType" | "primaryIpsCode"> &
  Partial<Pick<MemberDoc, "cotizanteKind" | "sisbenGroup" | "incomeBand" | "employerNit" | "cotizanteId" | "relationship" | "permanentDisability" | "economicDependent">>;

/** A new active member: the one place a member document is built (application, beneficiary). */
export function newMember(person: PersonData, membership: Membership, reason: string, by: string, at: Date): MemberDoc {
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
    contact: { email: membership.contact.email ?? null, mobile: membership.contact.mobile ?? null, landline: membership.contact.landline ?? null, address: membership.contact.address ?? null },
    municipalityCode: membership.municipalityCode,
    regime: membership.regime,
    memberType: membership.memberType,
    cotizanteKind: membership.cotizanteKind ?? null,
    state: AffiliationState.ACTIVO,
    affiliationDate: todayInColombia(at),
    sisbenGroup: membership.sisbenGroup ?? null,
    incomeBand: membership.incomeBand ?? null,
    primaryIpsCode: membership.primaryIpsCode,
    primaryIpsHistory: [{ ipsCode: membership.primaryIpsCode, since: at, changedBy: by }],
    employerNit: membership.employerNit ?? null,
    cotizanteId: membership.cotizanteId ?? null,
    relationship: membership.relationship ?? null,
    permanentDisability: membership.permanentDisability ?? false,
    economicDependent: membership.economicDependent ?? false,
    stateHistory: [{ state: AffiliationState.ACTIVO, at, reason, by }],
    documentHistory: [],
    protectionUntil: null,
    familyVersion: 0,
  };
}

/**
 * States a person may come back from through a new affiliation: retired, or in protección laboral (a new
 * job or an independent contract). A deceased member never comes back.
 */
export const MAY_RETURN: readonly AffiliationState[] = [AffiliationState.RETIRADO, AffiliationState.PROTECCION_LABORAL];

/**
 * Writes `fresh` in `session`: inserts it, or — when the person was a member and retired, or is in
 * protección laboral — brings the former member back under the same id with the new particulars, so
 * history, family links and every other subgraph's records follow (a protected cotizante's group comes
 * back with them). CONFLICT when the person is a member in any other state.
 * Returns the id the person has now.
 */
export async function enrol(ctx: Context, session: ClientSession, fresh: MemberDoc): Promise<string> {
  const { members } = ctx.models;
  const former = await members.findOne({ documentType: fresh.documentType, documentNumber: fresh.documentNumber }).session(session).lean<MemberDoc>().exec();
  if (!former) {
    await members.create([fresh], { session });
    return fresh._id;
  }
  if (!MAY_RETURN.includes(former.state)) {
    throw conflict(`La persona con ${fresh.documentType} ${fresh.documentNumber} ya es afiliada (${former.state}): no puede afiliarse de nuevo.`, { documentNumber: fresh.documentNumber });
  }
  const protectedNow = former.state === AffiliationState.PROTECCION_LABORAL;
  if (protectedNow && former.cotizanteId && former.cotizanteId !== fresh.cotizanteId) {
    // Still covered with another group: leaving it is that group's cotizante's change (retireBeneficiary).
    throw conflict(`La persona con ${fresh.documentType} ${fresh.documentNumber} está en protección laboral con otro grupo familiar: debe retirarse de ese grupo primero.`);
  }
  const [assignment] = fresh.primaryIpsHistory;
  const [change] = fresh.stateHistory ?? [];
  const back = await members.updateOne(
    { _id: former._id, state: former.state },
    {
      $set: {
        state: AffiliationState.ACTIVO,
        // Someone in protección laboral never left the EPS: their time with it goes on counting.
        affiliationDate: protectedNow ? former.affiliationDate : fresh.affiliationDate,
        contact: fresh.contact,
        municipalityCode: fresh.municipalityCode,
        regime: fresh.regime,
        memberType: fresh.memberType,
        cotizanteKind: fresh.cotizanteKind,
        sisbenGroup: fresh.sisbenGroup,
        incomeBand: fresh.incomeBand,
        employerNit: fresh.employerNit,
        cotizanteId: fresh.cotizanteId,
        relationship: fresh.relationship,
        permanentDisability: fresh.permanentDisability,
        economicDependent: fresh.economicDependent,
        retirement: null,
        protectionUntil: null,
        primaryIpsCode: fresh.primaryIpsCode,
      },
      $push: { primaryIpsHistory: assignment, stateHistory: { ...change, reason: "REACTIVACION" } },
    },
    { session },
  );
  if (back.modifiedCount !== 1) throw conflict("El afiliado cambió mientras se revisaba la solicitud: consúltelo de nuevo.");
  if (protectedNow && fresh.memberType === MemberType.COTIZANTE) {
    // The group was protected with them: it comes back with them.
    await members.updateMany(
      { cotizanteId: former._id, state: AffiliationState.PROTECCION_LABORAL },
      { $set: { state: AffiliationState.ACTIVO, protectionUntil: null }, $push: { stateHistory: { ...change, reason: "REACTIVACION_COTIZANTE" } } },
      { session },
    );
  }
  return former._id;
}

import type { Logger } from "@sos/kit";
import { Random, insertInBatches } from "@sos/kit/seed";
import { DEFAULT_SEED, PERSONA_FAMILY_IDS, PERSONA_ID_PREFIX, SEED_IPS, buildClinicNetwork, buildPopulation } from "@sos/personas";
import type { Connection } from "mongoose";
import { AuthorizationState, CareOrigin, CareSetting } from "../authorization/authorization.enums.js";
import { authorizationModel, counterModel } from "../authorization/authorization.model.js";
import { pendingDeliveryModel, prescriptionModel } from "../mipres/mipres.model.js";
import { buildMipresSeed, personaMipres } from "./mipres.seed.js";
import { numberInOrder, sketchGenerated, type AuthorizationSketch } from "./authorizations.seed.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const S = AuthorizationState;
const todayOf = (now: Date): string => new Date(now.getTime() - 5 * HOUR).toISOString().slice(0, 10);

/**
 * The personas' requests, fixed so the tests and a person trying the graph know what to expect: María
 * Fernanda has an approved one, one in audit past its deadline and a fresh one; her daughter (a minor,
 * whose clinical detail she sees) one in audit; her adult spouse one with a diagnosis she must not see.
 */
export function personaSketches(now: Date): AuthorizationSketch[] {
  const family = PERSONA_FAMILY_IDS;
  const maria = { regime: "CONTRIBUTIVO", memberType: "COTIZANTE", incomeBand: "RANGO_2", sisbenGroup: null };
  const beneficiary = { ...maria, memberType: "BENEFICIARIO" };
  const common = { requestingIpsCode: SEED_IPS.personaPrimary, destinationIpsCode: SEED_IPS.caliSpecialised };
  return [
    { ...common, memberId: family.member, filedAt: new Date(now.getTime() - 20 * DAY), state: S.APROBADA, diagnosisCodes: ["I10X"], items: [{ cupsCode: "890228", quantity: 1 }, { cupsCode: "895100", quantity: 1 }], chargeFacts: maria },
    { ...common, memberId: family.member, filedAt: new Date(now.getTime() - 9 * DAY), state: S.EN_AUDITORIA, diagnosisCodes: ["E119", "I10X"], items: [{ cupsCode: "903426", quantity: 1 }], chargeFacts: maria },
    { ...common, memberId: family.member, filedAt: new Date(now.getTime() - 2 * HOUR), state: S.RADICADA, diagnosisCodes: ["M545"], items: [{ cupsCode: "931001", quantity: 10 }], chargeFacts: maria },
    { ...common, memberId: family.youngerChild, filedAt: new Date(now.getTime() - 1 * DAY), state: S.EN_AUDITORIA, diagnosisCodes: ["J459"], items: [{ cupsCode: "890283", quantity: 1 }], specialProtection: ["NINO_MENOR_5"], chargeFacts: beneficiary },
    { ...common, memberId: family.beneficiary, filedAt: new Date(now.getTime() - 30 * DAY), state: S.APROBADA, diagnosisCodes: ["F329"], items: [{ cupsCode: "943102", quantity: 6 }], chargeFacts: beneficiary },
    { ...common, memberId: family.olderChild, filedAt: new Date(now.getTime() - 200 * DAY), state: S.UTILIZADA, diagnosisCodes: ["H521"], items: [{ cupsCode: "890201", quantity: 1 }], origin: CareOrigin.COMUN, setting: CareSetting.AMBULATORIO, chargeFacts: beneficiary },
  ];
}

/**
 * Seeds an empty authorizations database for the synthetic population (@sos/personas: the same member
 * ids affiliation generates, the same clinics the directory lists); leaves a seeded one as it is.
 */
export async function seedAuthorizations(connection: Connection, options: { members?: number; logger?: Logger; now?: Date; seed?: number } = {}): Promise<{ created: boolean }> {
  const authorizations = authorizationModel(connection);
  if (await authorizations.exists({ seeded: true })) return { created: false };
  const started = performance.now();
  const now = options.now ?? new Date();
  const seed = options.seed ?? DEFAULT_SEED;
  const clinics = buildClinicNetwork(seed).filter((clinic) => clinic.active);
  const requesting = clinics.filter((clinic) => clinic.primaryCare).map((clinic) => clinic.code);
  const destination = clinics.filter((clinic) => !clinic.primaryCare).map((clinic) => clinic.code);
  // The same people affiliation seeded (same seed and size): their ids, and the facts a co-payment needs.
  const population = buildPopulation({ members: options.members ?? 3000, seed, today: todayOf(now) });
  const byId = new Map(population.members.map((member) => [member._id, member]));
  const generated = population.members.filter((member) => !member._id.startsWith(PERSONA_ID_PREFIX));
  const chargeFacts = (memberId: string) => {
    const member = byId.get(memberId);
    if (!member) return null;
    const cotizante = member.cotizanteId ? byId.get(member.cotizanteId) : member;
    return { regime: member.regime, memberType: member.memberType, incomeBand: cotizante?.incomeBand ?? null, sisbenGroup: member.sisbenGroup };
  };
  const members = generated.map((member) => member._id);
  const sketches = sketchGenerated(new Random(seed, 11), members, now, { requesting, destination }).map((sketch) => ({ ...sketch, chargeFacts: chargeFacts(sketch.memberId) }));
  const { docs, counters } = numberInOrder([...personaSketches(now), ...sketches]);
  const today = todayOf(now);
  const mipres = buildMipresSeed(new Random(seed, 12), members, today, { dispensers: requesting, prescribers: [...requesting, ...destination] });
  const personas = personaMipres(today);

  const at = new Date();
  await insertInBatches(prescriptionModel(connection), [...personas.prescriptions, ...mipres.prescriptions], at);
  await insertInBatches(pendingDeliveryModel(connection), [...personas.pendings, ...mipres.pendings], at);
  await counterModel(connection).bulkWrite([...counters].map(([series, value]) => ({ updateOne: { filter: { _id: series }, update: { $max: { value } }, upsert: true } })));
  // The authorizations last: their presence marks the seed as done.
  await insertInBatches(authorizations, docs, at);
  options.logger?.info(
    { authorizations: docs.length, prescriptions: personas.prescriptions.length + mipres.prescriptions.length, pendings: personas.pendings.length + mipres.pendings.length, ms: Math.round(performance.now() - started) },
    "authorizations seeded",
  );
  return { created: true };
}

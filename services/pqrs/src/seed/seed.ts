import { todayInColombia, type Logger } from "@sos/kit";
import { Random, insertInBatches } from "@sos/kit/seed";
import { DEFAULT_SEED, PERSONA_FAMILY_IDS, buildPopulation, type SyntheticMember } from "@sos/personas";
import type { Connection } from "mongoose";
import { counterModel, pqrsModel, type PqrsDoc, type PqrsTransition } from "../pqrs/pqrs.model.js";
import { HealthRisk, IPS_VISIBLE_TYPES, OPEN, PetitionKind, PqrsState, PqrsType, dueAtFor, termFor } from "../pqrs/pqrs.rules.js";

const DAY = 86_400_000;
const SUBJECTS: Record<PqrsType, readonly string[]> = {
  PETICION: ["Copia de la historia clínica", "Certificado de afiliación para trámite", "Información sobre cambio de IPS"],
  QUEJA: ["Demora en la asignación de cita", "Trato inadecuado en la recepción", "No contestan la línea de citas"],
  RECLAMO: ["Medicamento no entregado", "Autorización sin respuesta", "Cobro de cuota moderadora indebido"],
  SUGERENCIA: ["Ampliar horario de atención", "Turnos digitales en la sede"],
  FELICITACION: ["Excelente atención del médico de familia", "Buena atención en urgencias"],
  DENUNCIA: ["Cobro por servicios que deben ser gratuitos"],
  CONSULTA_DATOS: ["Qué datos personales tiene la EPS de mí"],
  RECLAMO_DATOS: ["Corregir mi dirección y teléfono"],
};
const TYPE_WEIGHTS: readonly (readonly [PqrsType, number])[] = [
  [PqrsType.RECLAMO, 30], [PqrsType.QUEJA, 25], [PqrsType.PETICION, 25], [PqrsType.SUGERENCIA, 6], [PqrsType.FELICITACION, 6], [PqrsType.DENUNCIA, 2], [PqrsType.CONSULTA_DATOS, 3], [PqrsType.RECLAMO_DATOS, 3],
];

interface Sketch {
  member: SyntheticMember | null;
  type: PqrsType;
  filedAt: Date;
  state: PqrsState;
  risk?: HealthRisk;
  ipsCode?: string | null;
  subject?: string;
  answeredDaysAgo?: number;
}

function build(rng: Random, sketch: Sketch, number: string, now: Date): PqrsDoc {
  const health = sketch.type === PqrsType.QUEJA || sketch.type === PqrsType.RECLAMO;
  const risk = health ? (sketch.risk ?? rng.weighted([[HealthRisk.SIMPLE, 70], [HealthRisk.PRIORIZADO, 22], [HealthRisk.VITAL, 8]] as const)) : null;
  const petitionKind = sketch.type === PqrsType.PETICION ? rng.weighted([[PetitionKind.GENERAL, 60], [PetitionKind.INFORMACION, 35], [PetitionKind.CONSULTA, 5]] as const) : null;
  const term = termFor(sketch.type, { risk, petitionKind });
  const dueAt = dueAtFor(sketch.filedAt, term);
  const path: PqrsState[] = [PqrsState.RADICADA, PqrsState.ASIGNADA, PqrsState.EN_TRAMITE, PqrsState.RESPONDIDA, PqrsState.CERRADA];
  const reached = path.slice(0, path.indexOf(sketch.state) + 1);
  // Answered mostly in time; one in five late. Never after now.
  const answeredAt = reached.includes(PqrsState.RESPONDIDA)
    ? new Date(sketch.answeredDaysAgo !== undefined ? now.getTime() - sketch.answeredDaysAgo * DAY : Math.min(now.getTime() - 3_600_000, sketch.filedAt.getTime() + (dueAt.getTime() - sketch.filedAt.getTime()) * (rng.chance(0.2) ? 1.3 : 0.6)))
    : null;
  const step = (i: number) => new Date(Math.min(answeredAt?.getTime() ?? now.getTime() - 60_000, sketch.filedAt.getTime() + (i * (dueAt.getTime() - sketch.filedAt.getTime())) / 6));
  const history: PqrsTransition[] = reached.map((to, i) => ({ from: i ? (reached[i - 1] as PqrsState) : null, to, at: to === PqrsState.RESPONDIDA ? (answeredAt as Date) : i ? step(i) : sketch.filedAt, by: i ? "seed-agent" : "seed-member", role: i ? "AGENT" : sketch.member ? "MEMBER" : "ANONIMO", note: null }));
  const subject = sketch.subject ?? rng.pick(SUBJECTS[sketch.type]);
  const released = !!sketch.ipsCode && IPS_VISIBLE_TYPES.includes(sketch.type) && sketch.state !== PqrsState.RADICADA;
  return {
    _id: number,
    memberId: sketch.member?._id ?? null,
    type: sketch.type,
    petitionKind,
    risk,
    specialProtection: [],
    subject,
    description: `${subject}. Texto sintético de ejemplo (no corresponde a una persona real).`,
    serviceConcerned: null,
    ipsCode: sketch.ipsCode ?? null,
    // Released to the clinic by an agent once taken up: only complaints, claims, suggestions, compliments.
    ...(released ? { summaryForIps: `Resumen para la IPS: ${subject.toLowerCase()}.`, ipsFeedKey: sketch.ipsCode as string } : { summaryForIps: null, ipsFeedKey: null }),
    fingerprint: `seed:${number}`,
    attachments: [],
    contact: sketch.member ? { email: null, mobile: null } : { email: "anonimo@correo.example", mobile: null },
    municipalityCode: sketch.member?.municipalityCode ?? "76001",
    state: sketch.state,
    history,
    filedAt: sketch.filedAt,
    filedBy: { subject: sketch.member ? "seed-member" : "anonimo", role: sketch.member ? "MEMBER" : "ANONIMO" },
    term: { ...term, extended: false },
    dueAt,
    assignedTo: reached.includes(PqrsState.ASIGNADA) ? "seed-agent" : null,
    answer: answeredAt ? { text: "Respuesta sintética de ejemplo.", at: answeredAt, by: "seed-agent" } : null,
    answeredAt,
    sortKey: `${sketch.filedAt.toISOString()}:${number}`,
    queueKey: OPEN.includes(sketch.state) ? `${dueAt.toISOString()}:${number}` : null,
    idempotencyKey: `auto:${number}`,
    version: history.length,
    seeded: true,
  };
}

/**
 * Seeds an empty PQRS database for the synthetic population: about 8 % of members with one or two in the
 * last two months, types as this insurer receives them, states by age, some overdue, some anonymous;
 * María Fernanda with a complaint answered three days ago (she may reopen it) and an overdue petition.
 */
export async function seedPqrs(connection: Connection, options: { members?: number; logger?: Logger; seed?: number; now?: Date } = {}): Promise<{ created: boolean }> {
  const model = pqrsModel(connection);
  if (await model.exists({ seeded: true })) return { created: false };
  const now = options.now ?? new Date();
  const seed = options.seed ?? DEFAULT_SEED;
  const rng = new Random(seed, 41);
  const { members } = buildPopulation({ members: options.members ?? 3000, seed, today: todayInColombia(now) });
  const sketches: Sketch[] = [];
  for (const member of members) {
    if (member._id.startsWith("5e05a0") || !rng.chance(0.08)) continue;
    for (let n = rng.int(1, 2); n > 0; n--) {
      const ageDays = rng.int(0, 60);
      const state = ageDays < 2 ? PqrsState.RADICADA : ageDays < 10 ? rng.weighted([[PqrsState.ASIGNADA, 3], [PqrsState.EN_TRAMITE, 4], [PqrsState.RESPONDIDA, 3]] as const) : rng.weighted([[PqrsState.CERRADA, 6], [PqrsState.RESPONDIDA, 2], [PqrsState.EN_TRAMITE, 1]] as const);
      sketches.push({ member: rng.chance(0.05) ? null : member, type: rng.weighted(TYPE_WEIGHTS), filedAt: new Date(now.getTime() - ageDays * DAY - rng.int(1, 20) * 3_600_000), state, ipsCode: rng.chance(0.4) ? member.primaryIpsCode : null });
    }
  }
  const maria = members.find((member) => member._id === PERSONA_FAMILY_IDS.member) as SyntheticMember;
  sketches.push({ member: maria, type: PqrsType.QUEJA, risk: HealthRisk.SIMPLE, filedAt: new Date(now.getTime() - 6 * DAY), state: PqrsState.RESPONDIDA, answeredDaysAgo: 3, ipsCode: maria.primaryIpsCode, subject: "Demora en la asignación de cita" });
  sketches.push({ member: maria, type: PqrsType.PETICION, filedAt: new Date(now.getTime() - 40 * DAY), state: PqrsState.EN_TRAMITE, subject: "Copia de la historia clínica" });

  const counters = new Map<string, number>();
  const docs = sketches
    .sort((a, b) => a.filedAt.getTime() - b.filedAt.getTime())
    .map((sketch) => {
      const year = todayInColombia(sketch.filedAt).slice(0, 4);
      const next = (counters.get(year) ?? 0) + 1;
      counters.set(year, next);
      return build(rng, sketch, `PQRS-${year}-${String(next).padStart(7, "0")}`, now);
    });
  await counterModel(connection).bulkWrite([...counters].map(([year, value]) => ({ updateOne: { filter: { _id: `PQRS-${year}` }, update: { $max: { value } }, upsert: true } })));
  await insertInBatches(model, docs, new Date());
  options.logger?.info({ pqrs: docs.length }, "pqrs seeded");
  return { created: true };
}

import { addBusinessDaysFrom, todayInColombia, type Logger } from "@sos/kit";
import { Random, addDays, insertInBatches } from "@sos/kit/seed";
import { DEFAULT_SEED, PERSONA_FAMILY_IDS, SEED_IPS, buildPopulation, type SyntheticMember } from "@sos/personas";
import type { Connection } from "mongoose";
import { ClaimState, IncapacityType, counterModel, incapacityModel, type ClaimTransition, type IncapacityDoc } from "../incapacity/incapacity.model.js";
import { endDateOf, paymentDue, queueKeyOf, reviewDue } from "../incapacity/incapacity.rules.js";
import { maternityDays, settle } from "../settlement/settlement.rules.js";

const DAY = 86_400_000;
const S = ClaimState;
/** Related diagnoses for chains (the same block), and others for single certificates. */
const CHAIN_DIAGNOSES = [["M545", "M544", "M511"], ["J189", "J180"], ["S525", "S526"], ["F329", "F321"]] as const;

interface Sketch {
  member: SyntheticMember;
  type: IncapacityType;
  startDate: string;
  days: number;
  diagnosis: string;
  state: ClaimState;
  filedAt: Date;
  ibc: number;
  extensionOf?: IncapacityDoc;
  gestationDays?: number;
}

/** A complete claim from a sketch: deadlines, history and settlement as the steps would have left them. */
function build(sketch: Sketch, number: string): IncapacityDoc {
  const path: ClaimState[] = [S.RADICADA, S.EN_REVISION, S.RECONOCIDA, S.LIQUIDADA, S.PAGADA];
  const reached: ClaimState[] = sketch.state === S.NEGADA ? [S.RADICADA, S.EN_REVISION, S.NEGADA] : path.slice(0, path.indexOf(sketch.state) + 1);
  // Each step three days after the last, never later than now (a seeded payment is never in the future).
  const at = (i: number) => new Date(Math.min(sketch.filedAt.getTime() + i * 3 * DAY, Date.now() - (4 - i) * 3_600_000));
  const history: ClaimTransition[] = reached.map((to, i) => ({ from: i ? (reached[i - 1] as ClaimState) : null, to, at: at(i), by: i ? "seed-agent" : "seed-employer", role: i ? "AGENT" : "EMPLOYER", note: to === S.NEGADA ? "El certificado no cumple los requisitos" : null }));
  const recognizedAt = reached.includes(S.RECONOCIDA) ? at(reached.indexOf(S.RECONOCIDA)) : null;
  const chainDaysBefore = sketch.extensionOf?.chainDays ?? 0;
  const settled = reached.includes(S.LIQUIDADA)
    ? settle({ kind: sketch.type, chainDaysBefore, days: sketch.days, ibc: sketch.ibc, year: Number(sketch.startDate.slice(0, 4)) >= 2025 ? Number(sketch.startDate.slice(0, 4)) : 2025, regime: "CONTRIBUTIVO", contributedWeeks: 52, ...(sketch.gestationDays && { gestationDays: sketch.gestationDays }) })
    : null;
  const doc: IncapacityDoc = {
    _id: number,
    memberId: sketch.member._id,
    employerNit: sketch.member.cotizanteKind === "DEPENDIENTE" ? sketch.member.employerNit : null,
    type: sketch.type,
    startDate: sketch.startDate,
    endDate: endDateOf(sketch.startDate, sketch.days),
    days: sketch.days,
    diagnosis: { code: sketch.diagnosis, system: "CIE-10", cie11Code: null },
    setting: "AMBULATORIO",
    modality: "PRESENCIAL",
    professional: { name: "Profesional de ejemplo (sintético)", documentNumber: "10000001" },
    ipsCode: sketch.member.primaryIpsCode ?? SEED_IPS.personaPrimary,
    attachment: "seed-certificado",
    gestationDays: sketch.gestationDays ?? null,
    extensionOf: sketch.extensionOf?._id ?? null,
    extensionSlot: sketch.state === S.NEGADA ? `denied:${number}` : sketch.extensionOf ? `of:${sketch.extensionOf._id}` : `first:${number}`,
    chainId: sketch.extensionOf?.chainId ?? number,
    chainDaysBefore,
    chainDays: chainDaysBefore + sketch.days,
    state: sketch.state,
    history,
    filedAt: sketch.filedAt,
    filedBy: { subject: "seed-employer", role: "EMPLOYER" },
    reviewDueAt: reviewDue(sketch.filedAt),
    recognizedAt,
    paymentDueAt: recognizedAt ? paymentDue(recognizedAt) : null,
    denialReason: sketch.state === S.NEGADA ? "El certificado no cumple los requisitos" : null,
    settlement: settled ? { ...settled, ibc: sketch.ibc, contributedWeeks: 52, computedAt: at(3) } : null,
    payment: sketch.state === S.PAGADA && settled ? { paidOn: todayInColombia(at(4)), amount: (settled.byPayer.EPS ?? 0) + (settled.byPayer.AFP ?? 0), reference: `TRF-SEED-${number}` } : null,
    sortKey: `${sketch.startDate}:${number}`,
    queueKey: null,
    idempotencyKey: `auto:${number}`,
    version: history.length,
    seeded: true,
  };
  return { ...doc, queueKey: queueKeyOf(doc) };
}

/** A state for a claim filed `ageDays` ago: the old ones paid, the recent ones along the way. */
const stateFor = (rng: Random, ageDays: number): ClaimState =>
  ageDays > 40 ? rng.weighted([[S.PAGADA, 9], [S.NEGADA, 1]] as const) : rng.weighted([[S.RADICADA, 3], [S.EN_REVISION, 3], [S.RECONOCIDA, 1], [S.LIQUIDADA, 2], [S.PAGADA, 1]] as const);

/**
 * Seeds an empty incapacities database for the synthetic population (the same people and employers
 * affiliation seeded): chains with extensions, work accidents, licences, paid and pending claims; María
 * Fernanda with a paid one and one filed 16 business days ago and never reviewed (overdue).
 */
export async function seedIncapacities(connection: Connection, options: { members?: number; logger?: Logger; seed?: number; now?: Date } = {}): Promise<{ created: boolean }> {
  const incapacities = incapacityModel(connection);
  if (await incapacities.exists({ seeded: true })) return { created: false };
  const now = options.now ?? new Date();
  const seed = options.seed ?? DEFAULT_SEED;
  const rng = new Random(seed, 31);
  const today = todayInColombia(now);
  const { members } = buildPopulation({ members: options.members ?? 3000, seed, today });
  const sketches: Sketch[][] = [];
  const ibcFor = (member: SyntheticMember) => (member.incomeBand === "RANGO_3" ? 9_000_000 : member.incomeBand === "RANGO_2" ? 3_800_000 : 1_900_000);
  for (const member of members) {
    if (member.memberType !== "COTIZANTE" || member.regime !== "CONTRIBUTIVO" || member.state !== "ACTIVO" || member._id.startsWith("5e05a0")) continue;
    if (!rng.chance(0.12)) continue;
    const ageDays = rng.int(3, 330);
    const startDate = addDays(today, -ageDays);
    const age = Number(today.slice(0, 4)) - Number(member.birthDate.slice(0, 4));
    const roll = rng.next();
    if (roll < 0.08 && member.sex === "FEMENINO" && age >= 20 && age <= 40) {
      sketches.push([{ member, type: IncapacityType.LICENCIA_MATERNIDAD, startDate, days: maternityDays(false, 0), diagnosis: "Z348", state: stateFor(rng, ageDays), filedAt: new Date(now.getTime() - (ageDays - 1) * DAY), ibc: ibcFor(member), gestationDays: 270 }]);
    } else if (roll < 0.14 && member.sex === "MASCULINO" && age >= 20 && age <= 45) {
      sketches.push([{ member, type: IncapacityType.LICENCIA_PATERNIDAD, startDate, days: 14, diagnosis: "Z390", state: stateFor(rng, ageDays), filedAt: new Date(now.getTime() - (ageDays - 1) * DAY), ibc: ibcFor(member) }]);
    } else {
      const type = rng.chance(0.15) ? IncapacityType.ACCIDENTE_TRABAJO : IncapacityType.ENFERMEDAD_GENERAL;
      const codes = rng.pick(CHAIN_DIAGNOSES);
      const links = type === IncapacityType.ENFERMEDAD_GENERAL && rng.chance(0.3) ? rng.int(2, 3) : 1;
      const chain: Sketch[] = [];
      let start = startDate;
      for (let i = 0; i < links; i++) {
        const days = i === 0 ? rng.int(2, 30) : rng.int(10, 30);
        const filedAt = new Date(Date.parse(`${start}T15:00:00Z`) + DAY);
        if (filedAt.getTime() > now.getTime()) break;
        chain.push({ member, type, startDate: start, days, diagnosis: codes[Math.min(i, codes.length - 1)] as string, state: stateFor(rng, Math.round((now.getTime() - filedAt.getTime()) / DAY)), filedAt, ibc: ibcFor(member) });
        // A denied certificate ends its chain here.
        if ((chain.at(-1) as Sketch).state === S.NEGADA) break;
        start = addDays(start, days + rng.int(0, 3));
      }
      if (chain.length) sketches.push(chain);
    }
  }
  // Every licence type, whatever the day's population drew (a small or unlucky one may draw no maternity
  // leave): the first eligible cotizante without one gets a recent, filed licence.
  const drawn = new Set(sketches.map((chain) => chain[0]?.type));
  const used = new Set(sketches.map((chain) => chain[0]?.member._id));
  const eligible = members.filter((member) => member.memberType === "COTIZANTE" && member.regime === "CONTRIBUTIVO" && member.state === "ACTIVO" && !member._id.startsWith("5e05a0") && !used.has(member._id));
  const ageOf = (member: SyntheticMember) => Number(today.slice(0, 4)) - Number(member.birthDate.slice(0, 4));
  const mother = eligible.find((member) => member.sex === "FEMENINO" && ageOf(member) >= 20 && ageOf(member) <= 40);
  const father = eligible.find((member) => member.sex === "MASCULINO" && ageOf(member) >= 20 && ageOf(member) <= 45);
  const recent = (days: number) => ({ startDate: addDays(today, -days), state: S.RADICADA, filedAt: new Date(now.getTime() - (days - 1) * DAY) });
  if (!drawn.has(IncapacityType.LICENCIA_MATERNIDAD) && mother) sketches.push([{ member: mother, type: IncapacityType.LICENCIA_MATERNIDAD, days: maternityDays(false, 0), diagnosis: "Z348", ibc: ibcFor(mother), gestationDays: 270, ...recent(5) }]);
  if (!drawn.has(IncapacityType.LICENCIA_PATERNIDAD) && father) sketches.push([{ member: father, type: IncapacityType.LICENCIA_PATERNIDAD, days: 14, diagnosis: "Z390", ibc: ibcFor(father), ...recent(4) }]);

  // The personas: María Fernanda's paid one, and one filed 16 business days ago that nobody reviewed.
  const maria = members.find((member) => member._id === PERSONA_FAMILY_IDS.member) as SyntheticMember;
  sketches.push([{ member: maria, type: IncapacityType.ENFERMEDAD_GENERAL, startDate: addDays(today, -200), days: 5, diagnosis: "M545", state: S.PAGADA, filedAt: new Date(now.getTime() - 199 * DAY), ibc: 4_800_000 }]);
  sketches.push([{ member: maria, type: IncapacityType.ENFERMEDAD_GENERAL, startDate: todayInColombia(businessDaysBefore(now, 17)), days: 4, diagnosis: "J069", state: S.RADICADA, filedAt: businessDaysBefore(now, 16), ibc: 4_800_000 }]);

  // Numbers in filing order, per year; extensions after the certificate they extend.
  const counters = new Map<string, number>();
  const docs: IncapacityDoc[] = [];
  const ordered = sketches.flatMap((chain) => chain.map((sketch, i) => ({ sketch, chain, i }))).sort((a, b) => a.sketch.filedAt.getTime() - b.sketch.filedAt.getTime());
  const built = new Map<Sketch, IncapacityDoc>();
  for (const { sketch, chain, i } of ordered) {
    const year = todayInColombia(sketch.filedAt).slice(0, 4);
    const next = (counters.get(year) ?? 0) + 1;
    counters.set(year, next);
    const previous = i > 0 ? built.get(chain[i - 1] as Sketch) : undefined;
    const doc = build({ ...sketch, ...(previous && { extensionOf: previous }) }, `INC-${year}-${String(next).padStart(7, "0")}`);
    built.set(sketch, doc);
    docs.push(doc);
  }
  await counterModel(connection).bulkWrite([...counters].map(([year, value]) => ({ updateOne: { filter: { _id: `INC-${year}` }, update: { $max: { value } }, upsert: true } })));
  await insertInBatches(incapacities, docs, new Date());
  options.logger?.info({ incapacities: docs.length }, "incapacities seeded");
  return { created: true };
}

/** The moment `days` business days before `now` (same time of day): a filing that many business days old. */
function businessDaysBefore(now: Date, days: number): Date {
  let candidate = now;
  while (addBusinessDaysFrom(candidate, days).getTime() > now.getTime()) candidate = new Date(candidate.getTime() - DAY);
  return candidate;
}

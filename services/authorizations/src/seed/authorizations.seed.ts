import type { Random } from "@sos/kit/seed";
import { AuthorizationState, CareOrigin, CareSetting } from "../authorization/authorization.enums.js";
import type { AuthorizationDoc, DiagnosisDoc, ItemDoc, TransitionDoc } from "../authorization/authorization.model.js";
import { APPROVED, AWAITING_ANSWER, classify, deadlineFor, payerOf } from "../authorization/authorization.rules.js";
import { CIE10_CATALOGUE } from "../catalog/cie10.data.js";
import { CUPS_CATALOGUE } from "../catalog/cups.data.js";
import { memberCharge, type ChargeFacts } from "../copay/copay.rules.js";

const S = AuthorizationState;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SEED_AUDITOR = { by: "seed-auditor", role: "AGENT" };

/** What one seeded request is: the rest (deadline, history, numbers) follows from it. */
export interface AuthorizationSketch {
  memberId: string;
  filedAt: Date;
  state: AuthorizationState;
  requestingIpsCode: string;
  destinationIpsCode: string;
  diagnosisCodes: string[];
  items: { cupsCode: string; quantity: number }[];
  setting?: CareSetting;
  origin?: CareOrigin;
  prioritised?: boolean;
  specialProtection?: string[];
  /** The member's facts for the co-payment; null: no charge is shown (a generated member's facts live in affiliation). */
  chargeFacts?: Omit<ChargeFacts, "kind" | "on" | "payer" | "specialProtection"> | null;
}

const cups = new Map(CUPS_CATALOGUE.map((entry) => [entry.code, entry]));
const cie10 = new Map(CIE10_CATALOGUE.map((entry) => [entry.code, entry]));
const ORDERABLE = CUPS_CATALOGUE.filter((entry) => !entry.initialEmergencyCare);

/** The path a request took to reach `state`, for a history that reads right. */
function pathTo(state: AuthorizationState): AuthorizationState[] {
  if (state === S.RADICADA) return [S.RADICADA];
  if (state === S.EN_AUDITORIA) return [S.RADICADA, S.EN_AUDITORIA];
  if (state === S.UTILIZADA || state === S.VENCIDA) return [S.RADICADA, S.EN_AUDITORIA, S.APROBADA, state];
  if (state === S.ANULADA) return [S.RADICADA, S.EN_AUDITORIA, S.ANULADA];
  return [S.RADICADA, S.EN_AUDITORIA, state];
}

/** A complete document from a sketch; `number` is given once every sketch is ordered by date. */
export function buildAuthorization(sketch: AuthorizationSketch, number: string): AuthorizationDoc {
  const setting = sketch.setting ?? CareSetting.AMBULATORIO;
  const origin = sketch.origin ?? CareOrigin.COMUN;
  const specialProtection = sketch.specialProtection ?? [];
  const request = { setting, afterEmergency: setting === CareSetting.URGENCIAS, prioritised: sketch.prioritised ?? false, specialProtection };
  const serviceDate = new Date(sketch.filedAt.getTime() - 5 * HOUR).toISOString().slice(0, 10);
  const deadline = deadlineFor(serviceDate, classify(request), sketch.filedAt);
  const path = pathTo(sketch.state);
  // Answered within the term, mostly: a sixth of the answers come late.
  const answerDelay = (deadline.dueAt.getTime() - sketch.filedAt.getTime()) * (number.endsWith("6") ? 1.4 : 0.6);
  const answeredAt = AWAITING_ANSWER.includes(sketch.state) ? null : new Date(sketch.filedAt.getTime() + answerDelay);
  const history: TransitionDoc[] = path.map((to, i) => ({
    from: i === 0 ? null : (path[i - 1] as AuthorizationState),
    to,
    at: i === 0 ? sketch.filedAt : i === 1 ? new Date(sketch.filedAt.getTime() + answerDelay / 3) : i === 2 ? (answeredAt as Date) : new Date((answeredAt as Date).getTime() + 10 * DAY),
    by: i === 0 ? "seed-member" : SEED_AUDITOR.by,
    role: i === 0 ? "IPS" : SEED_AUDITOR.role,
    note: to === S.NEGADA ? "No cumple criterios de pertinencia médica" : to === S.PENDIENTE_DOCS ? "Falta la historia clínica" : null,
  }));
  const approved = path.some((state) => APPROVED.includes(state));
  const on = serviceDate;
  const payer = payerOf(origin);
  const items: ItemDoc[] = sketch.items.map((item, i) => {
    const entry = cups.get(item.cupsCode);
    if (!entry) throw new Error(`seed: CUPS ${item.cupsCode} is not in the catalogue`);
    const partialDenied = sketch.state === S.APROBADA_PARCIAL && i === sketch.items.length - 1;
    const approvedQuantity = approved ? (partialDenied ? 0 : item.quantity) : null;
    const charge = approvedQuantity && sketch.chargeFacts ? memberCharge({ ...sketch.chargeFacts, specialProtection, payer, kind: entry.kind, on }) : null;
    return { cupsCode: item.cupsCode, description: entry.description, kind: entry.kind, quantity: item.quantity, approvedQuantity, denialReason: partialDenied ? "No pertinente para el diagnóstico" : null, charge };
  });
  const diagnoses: DiagnosisDoc[] = sketch.diagnosisCodes.map((code, i) => ({ code, system: "CIE-10", description: cie10.get(code)?.description ?? code, cie11Code: null, principal: i === 0 }));
  return {
    _id: number,
    memberId: sketch.memberId,
    state: sketch.state,
    requestingIpsCode: sketch.requestingIpsCode,
    professional: { name: "Profesional de ejemplo (sintético)", documentNumber: "10000001", specialty: null },
    diagnoses,
    items,
    setting,
    afterEmergency: request.afterEmergency,
    origin,
    payer,
    prioritised: request.prioritised,
    specialProtection,
    attachments: ["seed-historia-clinica"],
    serviceDate,
    filedAt: sketch.filedAt,
    filedBy: { subject: "seed", role: "IPS" },
    deadline,
    answeredAt,
    destinationIpsCode: approved ? sketch.destinationIpsCode : null,
    validUntil: approved ? new Date(sketch.filedAt.getTime() + 90 * DAY).toISOString().slice(0, 10) : null,
    denialReason: sketch.state === S.NEGADA ? "No cumple criterios de pertinencia médica" : sketch.state === S.PENDIENTE_DOCS ? "Falta la historia clínica" : null,
    history,
    idempotencyKey: `auto:${number}`,
    sortKey: `${sketch.filedAt.toISOString()}:${number}`,
    queueKey: AWAITING_ANSWER.includes(sketch.state) ? `${deadline.dueAt.toISOString()}:${number}` : null,
    version: history.length,
    seeded: true,
  };
}

/** Generated members: about a third with one to three requests over the last 14 months, in realistic states. */
export function sketchGenerated(rng: Random, memberIds: readonly string[], now: Date, clinics: { requesting: readonly string[]; destination: readonly string[] }): AuthorizationSketch[] {
  const out: AuthorizationSketch[] = [];
  for (const memberId of memberIds) {
    if (!rng.chance(0.33)) continue;
    for (let n = rng.int(1, 3); n > 0; n--) {
      // A quarter from the last two weeks: what is still being decided is what people look at.
      const ageDays = rng.chance(0.25) ? rng.int(0, 14) : rng.int(0, 420);
      const filedAt = new Date(now.getTime() - ageDays * DAY - rng.int(0, 23) * HOUR);
      const state =
        ageDays < 15
          ? rng.weighted([[S.RADICADA, 3], [S.EN_AUDITORIA, 4], [S.PENDIENTE_DOCS, 1.5], [S.APROBADA, 3], [S.APROBADA_PARCIAL, 0.5], [S.NEGADA, 0.5]] as const)
          : ageDays < 90
            ? rng.weighted([[S.APROBADA, 5], [S.APROBADA_PARCIAL, 1], [S.NEGADA, 1], [S.UTILIZADA, 4], [S.EN_AUDITORIA, 0.3], [S.ANULADA, 0.5]] as const)
            : rng.weighted([[S.UTILIZADA, 7], [S.VENCIDA, 2], [S.NEGADA, 1], [S.ANULADA, 1]] as const);
      const itemCount = state === S.APROBADA_PARCIAL ? 2 : rng.int(1, 2);
      const picked = new Set<string>();
      while (picked.size < itemCount) picked.add(rng.pick(ORDERABLE).code);
      out.push({
        memberId,
        filedAt,
        state,
        requestingIpsCode: rng.pick(clinics.requesting),
        destinationIpsCode: rng.pick(clinics.destination),
        diagnosisCodes: [rng.pick(CIE10_CATALOGUE).code],
        items: [...picked].map((cupsCode) => ({ cupsCode, quantity: rng.chance(0.8) ? 1 : rng.int(2, 10) })),
        origin: rng.weighted([[CareOrigin.COMUN, 92], [CareOrigin.LABORAL, 5], [CareOrigin.SOAT, 3]] as const),
        prioritised: rng.chance(0.1),
        specialProtection: rng.chance(0.08) ? [rng.pick(["GESTANTE", "ADULTO_MAYOR", "DISCAPACIDAD", "NINO_MENOR_5"])] : [],
        chargeFacts: null,
      });
    }
  }
  return out;
}

/** Filing numbers in date order, per year, as the counter would have given them; and each year's last number. */
export function numberInOrder(sketches: readonly AuthorizationSketch[]): { docs: AuthorizationDoc[]; counters: Map<string, number> } {
  const counters = new Map<string, number>();
  const docs = [...sketches]
    .sort((a, b) => a.filedAt.getTime() - b.filedAt.getTime())
    .map((sketch) => {
      const year = new Date(sketch.filedAt.getTime() - 5 * HOUR).toISOString().slice(0, 4);
      const next = (counters.get(`AUT-${year}`) ?? 0) + 1;
      counters.set(`AUT-${year}`, next);
      return buildAuthorization(sketch, `AUT-${year}-${String(next).padStart(7, "0")}`);
    });
  return { docs, counters };
}

import { addDays, dayNumber, instantOn, minDate, type Random } from "@sos/kit/seed";
import { PERSONA_FAMILY_IDS, PERSONA_IPS_CODE, SEED_IPS } from "@sos/personas";
import { CIE10_CATALOGUE } from "../catalog/cie10.data.js";
import { DeliveryPlaceKind, MipresSetting, PendingDeliveryState, PendingReason, PrescriptionState, TechnologyType } from "../mipres/mipres.enums.js";
import type { DeliveryPlaceDoc, PendingDeliveryDoc, PrescriptionDoc, TechnologyDoc } from "../mipres/mipres.model.js";
import { addMonths, isTechnologyVigente, pendingDueAt, pendingQueueKey, pendingSortKey, prescriptionSortKey, remaining, technologyWindowEnd } from "../mipres/mipres.rules.js";

const HOUR = 3_600_000;
const T = TechnologyType;
const SEED_DISPENSER = { subject: "seed-dispenser", role: "IPS" };
const PROFESSIONAL = "Profesional de ejemplo (sintético)";

interface Technology {
  type: TechnologyType;
  /** Synthetic codes in each catalogue's shape: CUM "expediente-consecutivo", CUPS 6 digits, MIPRES's own for the rest. */
  code: string;
  description: string;
  /** What one delivery hands over (a month's supply for successive deliveries). */
  perDelivery: number;
}

const LOSARTAN: Technology = { type: T.MEDICAMENTO, code: "19954521-03", description: "LOSARTAN 50 MG TABLETA", perDelivery: 30 };
const AMLODIPINO: Technology = { type: T.MEDICAMENTO, code: "19938760-01", description: "AMLODIPINO 5 MG TABLETA", perDelivery: 30 };
const HIDROCLOROTIAZIDA: Technology = { type: T.MEDICAMENTO, code: "19902243-02", description: "HIDROCLOROTIAZIDA 25 MG TABLETA", perDelivery: 30 };
const METFORMINA: Technology = { type: T.MEDICAMENTO, code: "19931108-05", description: "METFORMINA 850 MG TABLETA", perDelivery: 60 };
const GLARGINA: Technology = { type: T.MEDICAMENTO, code: "20013594-02", description: "INSULINA GLARGINA 100 UI/ML SOLUCION INYECTABLE (PLUMA 3 ML)", perDelivery: 3 };
const TIRAS: Technology = { type: T.DISPOSITIVO, code: "DM-0412", description: "TIRAS REACTIVAS PARA GLUCOMETRIA", perDelivery: 100 };
const SALBUTAMOL: Technology = { type: T.MEDICAMENTO, code: "19926732-04", description: "SALBUTAMOL 100 MCG/DOSIS INHALADOR", perDelivery: 1 };
const TIOTROPIO: Technology = { type: T.MEDICAMENTO, code: "19987310-01", description: "TIOTROPIO BROMURO 18 MCG CAPSULA PARA INHALAR", perDelivery: 30 };
const BECLOMETASONA: Technology = { type: T.MEDICAMENTO, code: "19905517-02", description: "BECLOMETASONA 250 MCG/DOSIS INHALADOR", perDelivery: 1 };
const SERTRALINA: Technology = { type: T.MEDICAMENTO, code: "19944087-03", description: "SERTRALINA 50 MG TABLETA", perDelivery: 30 };
const LEVOTIROXINA: Technology = { type: T.MEDICAMENTO, code: "19915830-06", description: "LEVOTIROXINA 100 MCG TABLETA", perDelivery: 30 };
const LEVODOPA: Technology = { type: T.MEDICAMENTO, code: "19911945-01", description: "LEVODOPA 250 MG + CARBIDOPA 25 MG TABLETA", perDelivery: 90 };
const LEVETIRACETAM: Technology = { type: T.MEDICAMENTO, code: "20004471-02", description: "LEVETIRACETAM 500 MG TABLETA", perDelivery: 60 };
const METOTREXATO: Technology = { type: T.MEDICAMENTO, code: "19920368-01", description: "METOTREXATO 2,5 MG TABLETA", perDelivery: 16 };
const ADALIMUMAB: Technology = { type: T.MEDICAMENTO, code: "20027755-01", description: "ADALIMUMAB 40 MG SOLUCION INYECTABLE JERINGA PRELLENADA", perDelivery: 2 };
const ENSURE: Technology = { type: T.PRODUCTO_NUTRICIONAL, code: "PN-0231", description: "ENSURE ADVANCE POLVO TARRO 850 G", perDelivery: 4 };
const PANAL: Technology = { type: T.DISPOSITIVO, code: "DM-0587", description: "PAÑAL DESECHABLE ADULTO TALLA L", perDelivery: 120 };
const TERAPIA_FISICA: Technology = { type: T.PROCEDIMIENTO, code: "931001", description: "TERAPIA FISICA INTEGRAL", perDelivery: 10 };
const TRANSPORTE: Technology = { type: T.SERVICIO_COMPLEMENTARIO, code: "SC-0107", description: "TRANSPORTE AMBULATORIO NO ASISTENCIAL", perDelivery: 8 };
const BECLOMETASONA_INFANTIL: Technology = { type: T.MEDICAMENTO, code: "19905517-01", description: "BECLOMETASONA 50 MCG/DOSIS INHALADOR", perDelivery: 1 };

/** What is prescribed together: a diagnosis, the specialty that treats it and its usual technologies (the first always). */
const THERAPIES: readonly { diagnosis: string; specialty: string; technologies: readonly Technology[] }[] = [
  { diagnosis: "I10X", specialty: "Medicina interna", technologies: [LOSARTAN, AMLODIPINO, HIDROCLOROTIAZIDA] },
  { diagnosis: "E119", specialty: "Endocrinología", technologies: [METFORMINA, GLARGINA, TIRAS] },
  { diagnosis: "J449", specialty: "Neumología", technologies: [TIOTROPIO, SALBUTAMOL] },
  { diagnosis: "J459", specialty: "Neumología", technologies: [BECLOMETASONA, SALBUTAMOL] },
  { diagnosis: "F329", specialty: "Psiquiatría", technologies: [SERTRALINA] },
  { diagnosis: "E039", specialty: "Endocrinología", technologies: [LEVOTIROXINA] },
  { diagnosis: "G20X", specialty: "Neurología", technologies: [LEVODOPA, PANAL, TERAPIA_FISICA] },
  { diagnosis: "G409", specialty: "Neurología", technologies: [LEVETIRACETAM] },
  { diagnosis: "M069", specialty: "Reumatología", technologies: [METOTREXATO, ADALIMUMAB] },
  { diagnosis: "E46X", specialty: "Medicina interna", technologies: [ENSURE, PANAL] },
  { diagnosis: "G809", specialty: "Medicina física y rehabilitación", technologies: [PANAL, TERAPIA_FISICA, TRANSPORTE] },
];

const cie10 = new Map(CIE10_CATALOGUE.map((entry) => [entry.code, entry.description]));
const diagnosisOf = (code: string): PrescriptionDoc["diagnosis"] => ({ code, system: "CIE-10", description: cie10.get(code) ?? code });

const SETTINGS: readonly (readonly [MipresSetting, number])[] = [
  [MipresSetting.AMBULATORIO_NO_PRIORIZADO, 70],
  [MipresSetting.AMBULATORIO_PRIORIZADO, 18],
  [MipresSetting.HOSPITALARIO_DOMICILIARIO, 6],
  [MipresSetting.HOSPITALARIO_INTERNACION, 4],
  [MipresSetting.URGENCIAS, 2],
];
const RECEIVERS = ["El afiliado", "Familiar del afiliado", "Cuidador del afiliado"];
const STREETS = ["Calle", "Carrera", "Avenida", "Transversal", "Diagonal"];

const address = (rng: Random): string => `${rng.pick(STREETS)} ${rng.int(1, 120)} # ${rng.int(1, 99)}-${rng.int(1, 99)}${rng.chance(0.4) ? `, apto ${rng.int(1, 12)}0${rng.int(1, 4)}` : ""}`;
const hoursAfter = (at: Date, hours: number): Date => new Date(at.getTime() + hours * HOUR);
const minInstant = (a: Date, b: Date): Date => (a.getTime() < b.getTime() ? a : b);

/** A technology as it stands `age` days after it was prescribed: the deliveries that fell due mostly made, some missed. */
function technologyOf(rng: Random, spec: Technology, index: number, prescribedAt: string, today: string, annulled: boolean, dispensers: readonly string[]): TechnologyDoc {
  const successive = spec.type !== T.PROCEDIMIENTO && spec.type !== T.SERVICIO_COMPLEMENTARIO && rng.chance(0.6);
  const deliveries = successive ? rng.pick([3, 6, 12]) : 1;
  const age = dayNumber(today) - dayNumber(prescribedAt);
  const routed = age >= 3 || rng.chance(0.5);
  const dueSoFar = age < 2 ? 0 : Math.min(deliveries, Math.floor(age / 30) + 1);
  const missed = rng.chance(successive ? 0.15 : 0.1) ? 1 : 0;
  const done = annulled || !routed ? 0 : Math.max(0, dueSoFar - missed);
  const windowEnd = technologyWindowEnd(prescribedAt, { deliveries });
  const lastOn = done > 0 ? minDate(addDays(addMonths(prescribedAt, done - 1), rng.int(1, 5)), today) : null;
  const nextBy = addDays(addMonths(prescribedAt, Math.min(done, deliveries - 1)), 10);
  return {
    index,
    type: spec.type,
    code: spec.code,
    description: spec.description,
    quantity: spec.perDelivery * deliveries,
    deliveries,
    delivered: spec.perDelivery * done,
    dispenserIpsCode: routed ? rng.pick(dispensers) : null,
    latestDeliveryDate: routed ? (nextBy < windowEnd ? nextBy : windowEnd) : null,
    lastDelivery: lastOn ? { quantity: spec.perDelivery, at: hoursAfter(instantOn(lastOn), rng.int(0, 8)), receivedBy: rng.pick(RECEIVERS) } : null,
  };
}

interface PendingSketch {
  prescription: PrescriptionDoc;
  technology: TechnologyDoc;
  quantity: number;
  registeredAt: Date;
  /** Null while still pending. */
  deliveredAt: Date | null;
  place: DeliveryPlaceDoc;
  receivedBy: string;
}

function pendingOf(id: string, sketch: PendingSketch): PendingDeliveryDoc {
  const { prescription, technology, registeredAt, deliveredAt } = sketch;
  const dueAt = pendingDueAt(registeredAt);
  const by = { by: SEED_DISPENSER.subject, role: SEED_DISPENSER.role };
  const history: PendingDeliveryDoc["history"] = [{ from: null, to: PendingDeliveryState.PENDIENTE, at: registeredAt, ...by, note: PendingReason.FALTA_INVENTARIO }];
  if (deliveredAt) history.push({ from: PendingDeliveryState.PENDIENTE, to: PendingDeliveryState.ENTREGADA, at: deliveredAt, ...by, note: `Recibió: ${sketch.receivedBy}` });
  return {
    _id: id,
    prescriptionNumber: prescription._id,
    memberId: prescription.memberId,
    technologyIndex: technology.index,
    description: technology.description,
    quantity: sketch.quantity,
    dispenserIpsCode: technology.dispenserIpsCode as string,
    reason: PendingReason.FALTA_INVENTARIO,
    place: sketch.place,
    registeredAt,
    dueAt,
    state: deliveredAt ? PendingDeliveryState.ENTREGADA : PendingDeliveryState.PENDIENTE,
    deliveredAt,
    receivedBy: deliveredAt ? sketch.receivedBy : null,
    registeredBy: SEED_DISPENSER,
    history,
    idempotencyKey: null,
    sortKey: pendingSortKey(registeredAt, id),
    queueKey: deliveredAt ? null : pendingQueueKey(dueAt, id),
    version: history.length,
    seeded: true,
  };
}

/**
 * Prescriptions for about 15 % of `memberIds` (1 to 3 each, over the last 14 months: vigentes, delivered,
 * annulled and expired), and pendientes for some of their medicines: delivered in time, delivered late,
 * open within 48 hours and open past them. Deterministic for a Random and a `today` ("YYYY-MM-DD").
 */
export function buildMipresSeed(
  rng: Random,
  memberIds: readonly string[],
  today: string,
  clinics: { dispensers: readonly string[]; prescribers: readonly string[] },
): { prescriptions: PrescriptionDoc[]; pendings: PendingDeliveryDoc[] } {
  // The start of today in Colombia: open pendientes registered "hours ago" are never in the future.
  const now = new Date(`${today}T05:00:00.000Z`);
  const prescriptions: PrescriptionDoc[] = [];
  const pendings: PendingDeliveryDoc[] = [];
  const numbers = new Set<string>();
  for (const memberId of memberIds) {
    if (!rng.chance(0.15)) continue;
    const count = rng.weighted([[1, 60], [2, 30], [3, 10]] as const);
    for (let n = 0; n < count; n += 1) {
      const prescribedAt = addDays(today, -rng.int(0, 425));
      let number = `${prescribedAt.replaceAll("-", "")}${rng.digits(12)}`;
      while (numbers.has(number)) number = `${prescribedAt.replaceAll("-", "")}${rng.digits(12)}`;
      numbers.add(number);
      const therapy = rng.pick(THERAPIES);
      const annulled = rng.chance(0.06);
      const specs = therapy.technologies.filter((_, i) => i === 0 || rng.chance(0.45));
      const prescription: PrescriptionDoc = {
        _id: number,
        memberId,
        prescribedAt,
        settingCode: rng.weighted(SETTINGS),
        state: annulled ? PrescriptionState.ANULADA : PrescriptionState.ACTIVA,
        prescriberIpsCode: rng.pick(clinics.prescribers),
        professional: { name: PROFESSIONAL, specialty: therapy.specialty },
        diagnosis: diagnosisOf(therapy.diagnosis),
        technologies: specs.map((spec, i) => technologyOf(rng, spec, i + 1, prescribedAt, today, annulled, clinics.dispensers)),
        sortKey: prescriptionSortKey(prescribedAt, number),
        seeded: true,
      };
      prescriptions.push(prescription);
      for (const technology of prescription.technologies) {
        if (annulled || !technology.dispenserIpsCode || (technology.type !== T.MEDICAMENTO && technology.type !== T.PRODUCTO_NUTRICIONAL) || !rng.chance(0.2)) continue;
        const place: DeliveryPlaceDoc = rng.chance(0.75)
          ? { kind: DeliveryPlaceKind.DISPENSARIO, ipsCode: technology.dispenserIpsCode, address: null }
          : { kind: DeliveryPlaceKind.DOMICILIO, ipsCode: null, address: address(rng) };
        const perDelivery = technology.quantity / technology.deliveries;
        const age = dayNumber(today) - dayNumber(prescribedAt);
        // Open ones only for a prescription at least a day old: registered after it, and never after today began.
        const open = age >= 1 && isTechnologyVigente(prescription, technology, today) && rng.chance(0.55);
        const start = instantOn(prescribedAt).getTime();
        let sketch: PendingSketch | null = null;
        if (open) {
          // Within its 48 hours (registered up to 20 h before today began) or past them (2 to 10 days ago).
          const hoursAgo = rng.chance(0.45) ? rng.int(1, 20) : rng.int(50, 240);
          const registeredAt = new Date(Math.max(start + HOUR, now.getTime() - hoursAgo * HOUR));
          sketch = { prescription, technology, quantity: Math.min(perDelivery, remaining(technology)), registeredAt, deliveredAt: null, place, receivedBy: "" };
        } else if (technology.delivered > 0 && age >= 3) {
          // A past pendiente, part of what was delivered: mostly within the 48 hours, a quarter late.
          const registeredAt = new Date(start + rng.int(1, (age - 2) * 24) * HOUR);
          const delay = rng.chance(0.75) ? rng.int(3, 46) : rng.int(50, 150);
          sketch = { prescription, technology, quantity: Math.min(perDelivery, technology.delivered), registeredAt, deliveredAt: minInstant(hoursAfter(registeredAt, delay), now), place, receivedBy: rng.pick(RECEIVERS) };
        }
        if (sketch && sketch.quantity > 0) pendings.push(pendingOf(rng.hex(24), sketch));
      }
    }
  }
  return { prescriptions, pendings };
}

/** Fixed numbers for the personas: the prescription date and a recognisable tail. */
const personaNumber = (prescribedAt: string, tail: string): string => `${prescribedAt.replaceAll("-", "")}${tail.padStart(12, "0")}`;

function personaPrescription(memberId: string, prescribedAt: string, tail: string, therapy: { diagnosis: string; specialty: string }, technology: TechnologyDoc, dispenser: string): PrescriptionDoc {
  const number = personaNumber(prescribedAt, tail);
  return {
    _id: number,
    memberId,
    prescribedAt,
    settingCode: MipresSetting.AMBULATORIO_NO_PRIORIZADO,
    state: PrescriptionState.ACTIVA,
    prescriberIpsCode: SEED_IPS.caliSpecialised,
    professional: { name: PROFESSIONAL, specialty: therapy.specialty },
    diagnosis: diagnosisOf(therapy.diagnosis),
    technologies: [{ ...technology, dispenserIpsCode: dispenser }],
    sortKey: prescriptionSortKey(prescribedAt, number),
    seeded: true,
  };
}

const monthly = (spec: Technology, deliveries: number, done: number, prescribedAt: string, receivedBy: string): TechnologyDoc => ({
  index: 1,
  type: spec.type,
  code: spec.code,
  description: spec.description,
  quantity: spec.perDelivery * deliveries,
  deliveries,
  delivered: spec.perDelivery * done,
  dispenserIpsCode: null,
  latestDeliveryDate: addDays(addMonths(prescribedAt, done), 5),
  lastDelivery: done > 0 ? { quantity: spec.perDelivery, at: hoursAfter(instantOn(addDays(addMonths(prescribedAt, done - 1), 2)), 1), receivedBy } : null,
});

/**
 * The personas' MIPRES, fixed so tests know what to expect. María Fernanda: losartán in six monthly
 * deliveries, routed to the IPS persona's clinic; the first month's pendiente was delivered the next day,
 * the second month's (registered 3 days ago) is overdue. Her daughter (4, in her care): a vigente inhaler.
 * Her adult spouse: a prescription she must not see, routed to another clinic, which the IPS persona must
 * not see either.
 */
export function personaMipres(today: string): { prescriptions: PrescriptionDoc[]; pendings: PendingDeliveryDoc[] } {
  const family = PERSONA_FAMILY_IDS;
  const mariaOn = addDays(today, -40);
  const maria = personaPrescription(family.member, mariaOn, "101", { diagnosis: "I10X", specialty: "Medicina interna" }, monthly(LOSARTAN, 6, 1, mariaOn, "María Fernanda Valencia Muñoz"), PERSONA_IPS_CODE);
  const daughterOn = addDays(today, -20);
  const daughter = personaPrescription(family.youngerChild, daughterOn, "102", { diagnosis: "J459", specialty: "Pediatría" }, monthly(BECLOMETASONA_INFANTIL, 3, 1, daughterOn, "María Fernanda Valencia Muñoz"), PERSONA_IPS_CODE);
  const spouseOn = addDays(today, -60);
  const spouse = personaPrescription(family.beneficiary, spouseOn, "201", { diagnosis: "E119", specialty: "Endocrinología" }, monthly(METFORMINA, 3, 2, spouseOn, "El afiliado"), SEED_IPS.caliAlternative);

  const technology = maria.technologies[0] as TechnologyDoc;
  const dispensary: DeliveryPlaceDoc = { kind: DeliveryPlaceKind.DISPENSARIO, ipsCode: PERSONA_IPS_CODE, address: null };
  const firstRegistered = hoursAfter(instantOn(addDays(mariaOn, 1)), 1);
  const deliveredFirst = pendingOf("5e05a0d00000000000000001", {
    prescription: maria, technology, quantity: 15, registeredAt: firstRegistered, deliveredAt: hoursAfter(firstRegistered, 26), place: dispensary, receivedBy: "María Fernanda Valencia Muñoz",
  });
  const overdue = pendingOf("5e05a0d00000000000000002", {
    prescription: maria, technology, quantity: 30, registeredAt: instantOn(addDays(today, -3)), deliveredAt: null,
    place: { kind: DeliveryPlaceKind.DOMICILIO, ipsCode: null, address: "Carrera 66 # 9-45, apto 302, Cali" }, receivedBy: "",
  });
  return { prescriptions: [maria, daughter, spouse], pendings: [deliveredFirst, overdue] };
}

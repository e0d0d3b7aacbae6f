import { DeliveryPlaceKind, PendingDeliveryState, PrescriptionState, SupplyState, TechnologyType } from "./mipres.enums.js";
import type { DeliveryPlaceDoc, PendingDeliveryDoc, PrescriptionDoc, TechnologyDoc } from "./mipres.model.js";

// The rules of a MIPRES prescription's validity and of a pendiente's deadline, pure and tested at every
// boundary (test/mipres.rules.test.ts). Dates are "YYYY-MM-DD" strings in Colombia; instants are Dates.

/** A medicine not delivered for lack of stock must reach the member within this many hours of its registration. */
export const PENDING_DELIVERY_HOURS = 48;
/** A single delivery must happen within 3 months of the prescription date. */
export const SINGLE_DELIVERY_WINDOW_MONTHS = 3;
/** Successive (periodic) deliveries run for up to 1 year from the prescription date. */
export const SUCCESSIVE_DELIVERY_WINDOW_MONTHS = 12;

/** Only medicines and nutritional products are dispensed, so only they can be left pending. */
export const PENDABLE_TYPES: readonly TechnologyType[] = [TechnologyType.MEDICAMENTO, TechnologyType.PRODUCTO_NUTRICIONAL];

type Quantities = Pick<TechnologyDoc, "quantity" | "delivered">;
type WindowedTechnology = Pick<TechnologyDoc, "quantity" | "delivered" | "deliveries">;
/** What validity depends on: a projection of a prescription is enough. */
export type PrescriptionTerms = Pick<PrescriptionDoc, "prescribedAt" | "state"> & { technologies: readonly WindowedTechnology[] };

const pad = (value: number, width = 2): string => String(value).padStart(width, "0");

/**
 * The same day `months` later; a day the target month lacks becomes its last day (2025-11-30 + 3 months =
 * 2026-02-28), so a window never spills into the following month.
 */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const total = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(total / 12);
  const targetMonth = total - targetYear * 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return `${pad(targetYear, 4)}-${pad(targetMonth + 1)}-${pad(Math.min(day, lastDay))}`;
}

/** What is still to be delivered of a technology (never negative, even if more was delivered). */
export const remaining = (technology: Quantities): number => Math.max(0, technology.quantity - technology.delivered);

/** The last day ("YYYY-MM-DD", inclusive) a technology may still be delivered. */
export const technologyWindowEnd = (prescribedAt: string, technology: Pick<TechnologyDoc, "deliveries">): string =>
  addMonths(prescribedAt, technology.deliveries > 1 ? SUCCESSIVE_DELIVERY_WINDOW_MONTHS : SINGLE_DELIVERY_WINDOW_MONTHS);

/**
 * The last day the prescription is good for: the latest window among what is still to be delivered (a
 * delivered successive technology no longer keeps the prescription open); of all its technologies once
 * everything was delivered, so a finished prescription still shows the window it had.
 */
export function windowEnd(prescription: Pick<PrescriptionTerms, "prescribedAt" | "technologies">): string {
  const open = prescription.technologies.filter((technology) => remaining(technology) > 0);
  const counted = open.length ? open : prescription.technologies;
  const ends = counted.map((technology) => technologyWindowEnd(prescription.prescribedAt, technology));
  return ends.reduce((latest, end) => (end > latest ? end : latest), addMonths(prescription.prescribedAt, SINGLE_DELIVERY_WINDOW_MONTHS));
}

/** This technology can still be delivered under this prescription on `today`. */
export const isTechnologyVigente = (prescription: Pick<PrescriptionTerms, "prescribedAt" | "state">, technology: WindowedTechnology, today: string): boolean =>
  prescription.state === PrescriptionState.ACTIVA && remaining(technology) > 0 && today <= technologyWindowEnd(prescription.prescribedAt, technology);

/** "Vigente": active (MIPRES state 4), not fully delivered, and within its window on `today`. */
export const isVigente = (prescription: PrescriptionTerms, today: string): boolean =>
  prescription.technologies.some((technology) => isTechnologyVigente(prescription, technology, today));

/** Where the supply of a technology stands, from what is stored: routed, partly delivered, delivered. */
export function supplyState(technology: Pick<TechnologyDoc, "quantity" | "delivered" | "dispenserIpsCode">): SupplyState {
  if (technology.delivered >= technology.quantity) return SupplyState.ENTREGA_COMPLETA;
  if (technology.delivered > 0) return SupplyState.ENTREGA_PARCIAL;
  return technology.dispenserIpsCode ? SupplyState.DIRECCIONADA : SupplyState.SIN_DIRECCIONAR;
}

export const isPendable = (type: TechnologyType): boolean => PENDABLE_TYPES.includes(type);

/** How much may still be registered as pending: what remains, less what is already pending and open. */
export const pendableQuantity = (technology: Quantities, openPendingQuantity: number): number => Math.max(0, remaining(technology) - openPendingQuantity);

export interface PendingRefusal {
  /** The input field to name in BAD_USER_INPUT. */
  field: "prescriptionNumber" | "technologyIndex" | "quantity";
  message: string;
}

/**
 * Why `quantity` of technology `technologyIndex` cannot be registered as pending on `today`, or null when
 * it can: a medicine or nutritional product, of a vigente prescription, routed to a dispenser, for no more
 * than what remains less what is already pending.
 */
export function pendingRefusal(
  prescription: Pick<PrescriptionDoc, "prescribedAt" | "state" | "technologies">,
  request: { technologyIndex: number; quantity: number; openPendingQuantity: number },
  today: string,
): PendingRefusal | null {
  const technology = prescription.technologies.find((candidate) => candidate.index === request.technologyIndex);
  if (!technology) return { field: "technologyIndex", message: "La prescripción no tiene una tecnología con ese consecutivo." };
  if (!isPendable(technology.type)) {
    return { field: "technologyIndex", message: "Solo un medicamento o un producto nutricional puede quedar pendiente de entrega." };
  }
  if (prescription.state !== PrescriptionState.ACTIVA) {
    return { field: "prescriptionNumber", message: "La prescripción está anulada en MIPRES: no se puede registrar un pendiente." };
  }
  if (remaining(technology) === 0) return { field: "technologyIndex", message: "Esta tecnología ya se entregó completa." };
  const end = technologyWindowEnd(prescription.prescribedAt, technology);
  if (today > end) return { field: "prescriptionNumber", message: `La prescripción ya no está vigente: podía entregarse hasta el ${end}.` };
  if (!technology.dispenserIpsCode) return { field: "technologyIndex", message: "La tecnología aún no está direccionada a un dispensador." };
  const pendable = pendableQuantity(technology, request.openPendingQuantity);
  if (request.quantity > pendable) {
    return {
      field: "quantity",
      message: pendable === 0 ? "Todo lo que falta por entregar de esta tecnología ya está registrado como pendiente." : `La cantidad supera lo que falta por entregar: como máximo ${pendable}.`,
    };
  }
  return null;
}

/** The legal deadline of a pendiente registered at `registeredAt`. */
export const pendingDueAt = (registeredAt: Date): Date => new Date(registeredAt.getTime() + PENDING_DELIVERY_HOURS * 3_600_000);

/** Still pending after its deadline. At the deadline itself it is still on time. */
export const isPendingOverdue = (pending: Pick<PendingDeliveryDoc, "state" | "dueAt">, now: Date): boolean =>
  pending.state === PendingDeliveryState.PENDIENTE && now.getTime() > pending.dueAt.getTime();

/** Delivered, but after its deadline. */
export const wasDeliveredLate = (pending: Pick<PendingDeliveryDoc, "state" | "dueAt" | "deliveredAt">): boolean =>
  pending.state === PendingDeliveryState.ENTREGADA && !!pending.deliveredAt && pending.deliveredAt.getTime() > pending.dueAt.getTime();

// Keys: fixed-width ISO instants and dates sort as strings, and the id keeps each key unique (keyset pages).
export const prescriptionSortKey = (prescribedAt: string, number: string): string => `${prescribedAt}:${number}`;
export const pendingSortKey = (registeredAt: Date, id: string): string => `${registeredAt.toISOString()}:${id}`;
export const pendingQueueKey = (dueAt: Date, id: string): string => `${dueAt.toISOString()}:${id}`;

/** The prescription date a MIPRES number starts with, or null when the number is not well formed. */
export function prescriptionDateOf(number: string): string | null {
  if (!/^\d{20}$/.test(number)) return null;
  const date = `${number.slice(0, 4)}-${number.slice(4, 6)}-${number.slice(6, 8)}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date ? date : null;
}

export const isPrescriptionNumber = (number: string): boolean => prescriptionDateOf(number) !== null;

/** "14/03/2026 15:30", Colombia's clock (UTC-5 all year). */
export function colombianDateTime(at: Date): string {
  const local = new Date(at.getTime() - 5 * 3_600_000).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
}

const placeText = (place: DeliveryPlaceDoc): string =>
  place.kind === DeliveryPlaceKind.DOMICILIO ? "en el domicilio indicado" : "en el punto de dispensación elegido";

/** The pendiente's situation in one sentence for the member: the state and, while open, the deadline. */
export function pendingStatusText(pending: Pick<PendingDeliveryDoc, "state" | "dueAt" | "deliveredAt" | "receivedBy" | "place">, now: Date): string {
  const due = colombianDateTime(pending.dueAt);
  if (pending.state === PendingDeliveryState.ANULADA) return "Anulado: este pendiente ya no se entregará.";
  if (pending.state === PendingDeliveryState.ENTREGADA) {
    const when = pending.deliveredAt ? ` el ${colombianDateTime(pending.deliveredAt)}` : "";
    const who = pending.receivedBy ? `, lo recibió ${pending.receivedBy}` : "";
    const late = wasDeliveredLate(pending) ? ` (fuera del plazo de ${PENDING_DELIVERY_HOURS} horas, que vencía el ${due})` : "";
    return `Entregado${when}${who}${late}.`;
  }
  if (isPendingOverdue(pending, now)) {
    return `Vencido: debía entregarse a más tardar el ${due} (hora de Colombia) ${placeText(pending.place)}. La EPS debe entregarlo de inmediato.`;
  }
  return `Pendiente: se entregará a más tardar el ${due} (hora de Colombia) ${placeText(pending.place)}.`;
}

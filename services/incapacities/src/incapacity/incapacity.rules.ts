import { addBusinessDaysFrom } from "@sos/kit";
import { addDays, dayNumber } from "@sos/kit/seed";
import { ClaimState, type IncapacityDoc } from "./incapacity.model.js";

// The claim's life and deadlines, pure (test/incapacity.rules.test.ts).

const S = ClaimState;
export const TRANSITIONS: Readonly<Record<ClaimState, readonly ClaimState[]>> = {
  [S.RADICADA]: [S.EN_REVISION],
  [S.EN_REVISION]: [S.RECONOCIDA, S.NEGADA],
  [S.RECONOCIDA]: [S.LIQUIDADA],
  [S.LIQUIDADA]: [S.PAGADA],
  [S.NEGADA]: [],
  [S.PAGADA]: [],
};

/** Decreto 1427 de 2022: review and settle within 15 business days of filing; pay within 5 of recognition. */
export const REVIEW_BUSINESS_DAYS = 15;
export const PAYMENT_BUSINESS_DAYS = 5;
/** An extension continues a chain when it starts at most 30 days after the one it extends ends. */
export const MAX_EXTENSION_GAP_DAYS = 30;

export const reviewDue = (filedAt: Date): Date => addBusinessDaysFrom(filedAt, REVIEW_BUSINESS_DAYS);
export const paymentDue = (recognizedAt: Date): Date => addBusinessDaysFrom(recognizedAt, PAYMENT_BUSINESS_DAYS);

/** The deadline the EPS faces now: review and settlement before recognition, payment after. */
export function dueAt(claim: Pick<IncapacityDoc, "state" | "reviewDueAt" | "paymentDueAt">): Date | null {
  if (claim.state === S.RADICADA || claim.state === S.EN_REVISION) return claim.reviewDueAt;
  if (claim.state === S.RECONOCIDA || claim.state === S.LIQUIDADA) return claim.paymentDueAt;
  return null;
}

export const isOverdue = (claim: Pick<IncapacityDoc, "state" | "reviewDueAt" | "paymentDueAt">, now = new Date()): boolean => {
  const due = dueAt(claim);
  return due !== null && now.getTime() > due.getTime();
};

export const queueKeyOf = (claim: Pick<IncapacityDoc, "_id" | "state" | "reviewDueAt" | "paymentDueAt">): string | null => {
  const due = dueAt(claim);
  return due ? `${due.toISOString()}:${claim._id}` : null;
};

export const endDateOf = (startDate: string, days: number): string => addDays(startDate, days - 1);

/**
 * Related diagnoses continue a chain: the same CIE-10 category (M545 and M544), or the same block of
 * categories (M51 and M54, both dorsopathies). A different block starts a new incapacity.
 */
export const relatedDiagnoses = (a: string, b: string): boolean => a.slice(0, 2) === b.slice(0, 2);

/** Why an extension cannot follow the certificate it names, or null when it can. */
export function extensionProblem(previous: Pick<IncapacityDoc, "memberId" | "endDate" | "type" | "diagnosis" | "state">, next: { memberId: string; startDate: string; type: string; diagnosisCode: string }): { field: string; message: string } | null {
  if (previous.memberId !== next.memberId) return { field: "input.extensionOf", message: "La prórroga debe ser del mismo afiliado que la incapacidad que prorroga." };
  if (previous.state === ClaimState.NEGADA) return { field: "input.extensionOf", message: "No se puede prorrogar una incapacidad negada." };
  if (previous.type !== next.type) return { field: "input.type", message: "La prórroga debe ser del mismo tipo que la incapacidad que prorroga." };
  if (!relatedDiagnoses(previous.diagnosis.code, next.diagnosisCode)) {
    return { field: "input.diagnosis.code", message: `El diagnóstico ${next.diagnosisCode} no está relacionado con ${previous.diagnosis.code}: no es una prórroga sino una incapacidad nueva.` };
  }
  const gap = dayNumber(next.startDate) - dayNumber(previous.endDate) - 1;
  if (gap < 0) return { field: "input.startDate", message: `La prórroga debe empezar después del ${previous.endDate}, cuando termina la incapacidad que prorroga.` };
  if (gap > MAX_EXTENSION_GAP_DAYS) return { field: "input.startDate", message: `Entre las dos incapacidades hay ${gap} días: más de ${MAX_EXTENSION_GAP_DAYS} no es una prórroga.` };
  return null;
}

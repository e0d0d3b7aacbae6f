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
  // Recognised: the settlement is still owed by the review deadline, the payment by its own.
  if (claim.state === S.RECONOCIDA) return claim.paymentDueAt && claim.paymentDueAt < claim.reviewDueAt ? claim.paymentDueAt : claim.reviewDueAt;
  if (claim.state === S.LIQUIDADA) return claim.paymentDueAt;
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
 * CIE-10 blocks (groups of categories) in the chapters incapacities come from; two diagnoses are related
 * when they share a 3-character category or one of these blocks. A code outside them relates only to its
 * own category: conservative, a new certificate rather than a wrong chain.
 */
const BLOCKS: readonly [string, string][] = [
  ["F30", "F39"], ["F40", "F48"], ["F20", "F29"], ["F10", "F19"],
  ["I10", "I15"], ["I20", "I25"], ["I26", "I28"], ["I30", "I52"], ["I60", "I69"],
  ["J00", "J06"], ["J09", "J18"], ["J20", "J22"], ["J40", "J47"],
  ["K20", "K31"], ["K35", "K38"], ["K40", "K46"], ["K80", "K87"],
  ["M00", "M25"], ["M40", "M54"], ["M60", "M79"], ["M80", "M94"],
  ["S00", "S09"], ["S20", "S29"], ["S30", "S39"], ["S40", "S49"], ["S50", "S59"], ["S60", "S69"], ["S70", "S79"], ["S80", "S89"], ["S90", "S99"],
  ["O00", "O08"], ["O10", "O16"], ["O20", "O29"], ["O60", "O75"],
];
const blockOf = (code: string): string => {
  const category = code.slice(0, 3);
  const block = BLOCKS.find(([from, to]) => category >= from && category <= to);
  return block ? block.join("-") : category;
};
export const relatedDiagnoses = (a: string, b: string): boolean => a.slice(0, 3) === b.slice(0, 3) || blockOf(a) === blockOf(b);

/** Why an extension cannot follow the certificate it names, or null when it can. */
export function extensionProblem(previous: Pick<IncapacityDoc, "memberId" | "endDate" | "type" | "diagnosis" | "state">, next: { memberId: string; startDate: string; type: string; diagnosisCode: string }): { field: string; message: string } | null {
  if (previous.memberId !== next.memberId) return { field: "input.extensionOf", message: "La prórroga debe ser del mismo afiliado que la incapacidad que prorroga." };
  if (previous.state === ClaimState.NEGADA) return { field: "input.extensionOf", message: "No se puede prorrogar una incapacidad negada." };
  if (previous.type !== next.type) return { field: "input.type", message: "La prórroga debe ser del mismo tipo que la incapacidad que prorroga." };
  const gap = dayNumber(next.startDate) - dayNumber(previous.endDate) - 1;
  // The messages name no date of the extended certificate (who files may not be who filed it).
  if (gap < 0) return { field: "input.startDate", message: "La prórroga debe empezar después de que termina la incapacidad que prorroga." };
  if (gap > MAX_EXTENSION_GAP_DAYS) return { field: "input.startDate", message: `La prórroga debe empezar a más tardar ${MAX_EXTENSION_GAP_DAYS} días después de que termina la incapacidad que prorroga.` };
  // Last: an employer may not learn a diagnosis, so a request that fails anyway never tells whether a
  // code is related to the earlier certificate's (probing it block by block would reveal its group).
  if (!relatedDiagnoses(previous.diagnosis.code, next.diagnosisCode)) {
    return { field: "input.diagnosis.code", message: `El diagnóstico ${next.diagnosisCode} no está relacionado con el de la incapacidad que prorroga: no es una prórroga sino una incapacidad nueva.` };
  }
  return null;
}

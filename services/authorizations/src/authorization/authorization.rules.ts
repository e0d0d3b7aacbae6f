import { addBusinessDaysFrom } from "@sos/kit";
import { AuthorizationState, CareOrigin, type CareSetting, DeadlineRule, DeadlineUnit, Holder, Payer, RequestClass } from "./authorization.enums.js";

// The rules of an authorization's life, pure and table-tested (test/authorization.rules.test.ts).

const S = AuthorizationState;

/** Where each state may go; anything else is refused. A decision is taken once, by one auditor. */
export const TRANSITIONS: Readonly<Record<AuthorizationState, readonly AuthorizationState[]>> = {
  [S.RADICADA]: [S.EN_AUDITORIA, S.ANULADA],
  [S.EN_AUDITORIA]: [S.APROBADA, S.APROBADA_PARCIAL, S.NEGADA, S.PENDIENTE_DOCS, S.ANULADA],
  // The requesting clinic sends what was missing: back to the auditor.
  [S.PENDIENTE_DOCS]: [S.EN_AUDITORIA, S.ANULADA],
  [S.APROBADA]: [S.UTILIZADA, S.VENCIDA, S.ANULADA],
  [S.APROBADA_PARCIAL]: [S.UTILIZADA, S.VENCIDA, S.ANULADA],
  [S.NEGADA]: [],
  [S.UTILIZADA]: [],
  [S.VENCIDA]: [],
  [S.ANULADA]: [],
};

/** The states from which `to` may be reached: the guard of the atomic update. */
export const statesLeadingTo = (to: AuthorizationState): AuthorizationState[] =>
  (Object.keys(TRANSITIONS) as AuthorizationState[]).filter((from) => TRANSITIONS[from].includes(to));

/** Still waiting for the EPS's answer: the deadline runs. */
export const AWAITING_ANSWER: readonly AuthorizationState[] = [S.RADICADA, S.EN_AUDITORIA];
export const APPROVED: readonly AuthorizationState[] = [S.APROBADA, S.APROBADA_PARCIAL];

export function holderOf(state: AuthorizationState): Holder {
  if (AWAITING_ANSWER.includes(state)) return Holder.EPS;
  if (state === S.PENDIENTE_DOCS) return Holder.IPS_SOLICITANTE;
  if (APPROVED.includes(state)) return Holder.IPS_DESTINO;
  return Holder.NADIE;
}

export function payerOf(origin: CareOrigin): Payer {
  if (origin === CareOrigin.LABORAL) return Payer.ARL;
  if (origin === CareOrigin.SOAT) return Payer.SOAT;
  return Payer.EPS;
}

export function classify(request: { setting: CareSetting; afterEmergency: boolean; prioritised: boolean; specialProtection: readonly string[] }): RequestClass {
  // Care after an emergency (a hospital stay that follows it too): 2 hours, whatever the setting now.
  if (request.afterEmergency) return RequestClass.POST_URGENCIA;
  if (request.prioritised || request.specialProtection.length > 0) return RequestClass.PRIORIZADA;
  return RequestClass.ELECTIVA;
}

export interface DeadlineTerm {
  amount: number;
  unit: DeadlineUnit;
}

/**
 * Which norm governs an answer, by the date of the service (domain rules, docs/domain.md): Res 2335 of
 * 2023 from 2026-04-01, Res 3047 of 2008 before. A dated table: a new norm is a new row.
 */
export const DEADLINE_RULES: readonly { rule: DeadlineRule; from: string; terms: Readonly<Record<RequestClass, DeadlineTerm>> }[] = [
  {
    rule: DeadlineRule.RES_2335_2023,
    from: "2026-04-01",
    terms: {
      [RequestClass.POST_URGENCIA]: { amount: 2, unit: DeadlineUnit.HORAS },
      [RequestClass.PRIORIZADA]: { amount: 2, unit: DeadlineUnit.DIAS_CALENDARIO },
      [RequestClass.ELECTIVA]: { amount: 5, unit: DeadlineUnit.DIAS_CALENDARIO },
    },
  },
  {
    rule: DeadlineRule.RES_3047_2008,
    from: "2008-08-14",
    terms: {
      [RequestClass.POST_URGENCIA]: { amount: 2, unit: DeadlineUnit.HORAS },
      [RequestClass.PRIORIZADA]: { amount: 5, unit: DeadlineUnit.DIAS_HABILES },
      [RequestClass.ELECTIVA]: { amount: 5, unit: DeadlineUnit.DIAS_HABILES },
    },
  },
];

export interface Deadline extends DeadlineTerm {
  rule: DeadlineRule;
  requestClass: RequestClass;
  dueAt: Date;
}

const HOUR_MS = 3_600_000;

/** The moment `term` after `from`: hours and calendar days by the clock, business days by Colombia's calendar. */
export function addTerm(from: Date, term: DeadlineTerm): Date {
  if (term.unit === DeadlineUnit.HORAS) return new Date(from.getTime() + term.amount * HOUR_MS);
  if (term.unit === DeadlineUnit.DIAS_CALENDARIO) return new Date(from.getTime() + term.amount * 24 * HOUR_MS);
  return addBusinessDaysFrom(from, term.amount);
}

/** The answer deadline of a request filed at `filedAt` for a service dated `serviceDate` ("YYYY-MM-DD"). */
export function deadlineFor(serviceDate: string, requestClass: RequestClass, filedAt: Date): Deadline {
  const governing = DEADLINE_RULES.find((row) => serviceDate >= row.from);
  if (!governing) throw new Error(`No deadline rule governs a service dated ${serviceDate}`);
  const term = governing.terms[requestClass];
  return { rule: governing.rule, requestClass, ...term, dueAt: addTerm(filedAt, term) };
}

/** Unanswered past its deadline. */
export const isOverdue = (state: AuthorizationState, dueAt: Date, now: Date = new Date()): boolean =>
  AWAITING_ANSWER.includes(state) && now.getTime() > dueAt.getTime();

import { addBusinessDays, colombiaClock } from "@sos/kit";

// The legal terms of a PQRS (docs/pqrs.md), pure and table-tested (test/pqrs.rules.test.ts).

export const PqrsType = {
  PETICION: "PETICION",
  QUEJA: "QUEJA",
  RECLAMO: "RECLAMO",
  SUGERENCIA: "SUGERENCIA",
  FELICITACION: "FELICITACION",
  DENUNCIA: "DENUNCIA",
  CONSULTA_DATOS: "CONSULTA_DATOS",
  RECLAMO_DATOS: "RECLAMO_DATOS",
} as const;
export type PqrsType = (typeof PqrsType)[keyof typeof PqrsType];

/** What a petition asks (Ley 1755 de 2015): the term depends on it. */
export const PetitionKind = { GENERAL: "GENERAL", INFORMACION: "INFORMACION", CONSULTA: "CONSULTA" } as const;
export type PetitionKind = (typeof PetitionKind)[keyof typeof PetitionKind];

/** The risk to the patient's health in a complaint or claim about care. */
export const HealthRisk = { VITAL: "VITAL", PRIORIZADO: "PRIORIZADO", SIMPLE: "SIMPLE" } as const;
export type HealthRisk = (typeof HealthRisk)[keyof typeof HealthRisk];

export type TermUnit = "HORAS" | "DIAS_HABILES";
export interface Term {
  amount: number;
  unit: TermUnit;
  /** The norm that sets it. */
  norm: string;
  /** Business days a data-protection request may be extended by, with notice to the requester. */
  extension: number;
}

/** The term of each kind of request: a table, so a changed norm is a changed row. */
export function termFor(type: PqrsType, options: { risk?: HealthRisk | null; petitionKind?: PetitionKind | null; specialProtection?: boolean }): Term {
  if (type === PqrsType.QUEJA || type === PqrsType.RECLAMO) {
    // Special protection raises a simple complaint to prioritised.
    const risk = options.risk === HealthRisk.SIMPLE && options.specialProtection ? HealthRisk.PRIORIZADO : (options.risk ?? HealthRisk.SIMPLE);
    const hours = { [HealthRisk.VITAL]: 24, [HealthRisk.PRIORIZADO]: 48, [HealthRisk.SIMPLE]: 72 }[risk];
    return { amount: hours, unit: "HORAS", norm: "Superintendencia Nacional de Salud: reclamos en salud según el riesgo", extension: 0 };
  }
  if (type === PqrsType.CONSULTA_DATOS) return { amount: 10, unit: "DIAS_HABILES", norm: "Ley 1581 de 2012, art. 14 (consulta de datos personales)", extension: 5 };
  if (type === PqrsType.RECLAMO_DATOS) return { amount: 15, unit: "DIAS_HABILES", norm: "Ley 1581 de 2012, art. 15 (reclamo de datos personales)", extension: 8 };
  const days = type === PqrsType.PETICION && options.petitionKind === PetitionKind.INFORMACION ? 10 : type === PqrsType.PETICION && options.petitionKind === PetitionKind.CONSULTA ? 30 : 15;
  return { amount: days, unit: "DIAS_HABILES", norm: "Ley 1755 de 2015, art. 14 (derecho de petición)", extension: 0 };
}

const HOUR_MS = 3_600_000;
/** The end of a Colombian day (23:59:59.999, UTC-5). */
const endOfColombianDay = (date: string): Date => new Date(Date.parse(`${date}T23:59:59.999Z`) + 5 * HOUR_MS);

/**
 * When the answer is due: hours by the clock; business days counted from the day after filing on the
 * Colombian calendar (weekends and holidays skipped), due at the end of the last one.
 */
export function dueAtFor(filedAt: Date, term: Pick<Term, "amount" | "unit">): Date {
  if (term.unit === "HORAS") return new Date(filedAt.getTime() + term.amount * HOUR_MS);
  return endOfColombianDay(addBusinessDays(colombiaClock(filedAt).date, term.amount));
}

/** A data-protection request's term extended once, with notice: that many more business days. */
export const extendedDueAt = (dueAt: Date, extraBusinessDays: number): Date => {
  const day = colombiaClock(new Date(dueAt.getTime() - 1)).date;
  return endOfColombianDay(addBusinessDays(day, extraBusinessDays));
};

/** Types the law lets a person file without identifying themself (with a contact channel). */
export const ANONYMOUS_TYPES: readonly PqrsType[] = [PqrsType.QUEJA, PqrsType.RECLAMO, PqrsType.SUGERENCIA, PqrsType.FELICITACION, PqrsType.DENUNCIA];

/** What a clinic may be shown (once an agent releases it with a summary): never petitions, reports or data requests. */
export const IPS_VISIBLE_TYPES: readonly PqrsType[] = [PqrsType.QUEJA, PqrsType.RECLAMO, PqrsType.SUGERENCIA, PqrsType.FELICITACION];

export const PqrsState = { RADICADA: "RADICADA", ASIGNADA: "ASIGNADA", EN_TRAMITE: "EN_TRAMITE", RESPONDIDA: "RESPONDIDA", CERRADA: "CERRADA" } as const;
export type PqrsState = (typeof PqrsState)[keyof typeof PqrsState];

export const TRANSITIONS: Readonly<Record<PqrsState, readonly PqrsState[]>> = {
  RADICADA: ["ASIGNADA"],
  ASIGNADA: ["EN_TRAMITE"],
  EN_TRAMITE: ["RESPONDIDA"],
  // Reopened by the member within the window: back to work.
  RESPONDIDA: ["CERRADA", "EN_TRAMITE"],
  CERRADA: ["EN_TRAMITE"],
};

/** Still owed an answer: the deadline runs. */
export const OPEN: readonly PqrsState[] = ["RADICADA", "ASIGNADA", "EN_TRAMITE"];
export const isOverdue = (state: PqrsState, dueAt: Date, now = new Date()): boolean => OPEN.includes(state) && now.getTime() > dueAt.getTime();

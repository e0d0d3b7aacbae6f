import { Schema, type Connection, type Model } from "mongoose";
import type { Settlement } from "../settlement/settlement.rules.js";

export const IncapacityType = {
  ENFERMEDAD_GENERAL: "ENFERMEDAD_GENERAL",
  ACCIDENTE_TRABAJO: "ACCIDENTE_TRABAJO",
  ENFERMEDAD_LABORAL: "ENFERMEDAD_LABORAL",
  LICENCIA_MATERNIDAD: "LICENCIA_MATERNIDAD",
  LICENCIA_PATERNIDAD: "LICENCIA_PATERNIDAD",
} as const;
export type IncapacityType = (typeof IncapacityType)[keyof typeof IncapacityType];

export const ClaimState = { RADICADA: "RADICADA", EN_REVISION: "EN_REVISION", RECONOCIDA: "RECONOCIDA", NEGADA: "NEGADA", LIQUIDADA: "LIQUIDADA", PAGADA: "PAGADA" } as const;
export type ClaimState = (typeof ClaimState)[keyof typeof ClaimState];

export interface ClaimTransition {
  from: ClaimState | null;
  to: ClaimState;
  at: Date;
  by: string;
  role: string;
  note: string | null;
}

/** One certificate (a first incapacity or an extension) and the claim for its payment. */
export interface IncapacityDoc {
  /** Filing number: "INC-<year>-<7 digits>". */
  _id: string;
  memberId: string;
  /** The aportante that files and is paid back: the employer's NIT; null for an independent. */
  employerNit: string | null;
  type: IncapacityType;
  /** "YYYY-MM-DD", first and last day. */
  startDate: string;
  endDate: string;
  days: number;
  diagnosis: { code: string; system: "CIE-10"; cie11Code: string | null };
  setting: string;
  modality: string;
  professional: { name: string; documentNumber: string };
  /** The issuing clinic (REPS). */
  ipsCode: string;
  attachment: string;
  /** Maternity: the pregnancy's length, for a proportional payment. */
  gestationDays: number | null;
  /** The incapacity this one extends (prórroga), and the chain's first. */
  extensionOf: string | null;
  /**
   * "of:<extended>" for an extension, "first:<number>" otherwise, "denied:<number>" once denied: unique,
   * so two extensions of one certificate filed at once cannot both stand (the chain would be paid twice).
   */
  extensionSlot: string;
  chainId: string;
  /** Days of the chain before this certificate, and including it. */
  chainDaysBefore: number;
  chainDays: number;
  state: ClaimState;
  history: ClaimTransition[];
  filedAt: Date;
  filedBy: { subject: string; role: string };
  /** Review and settlement within 15 business days of filing (Decreto 1427 de 2022). */
  reviewDueAt: Date;
  recognizedAt: Date | null;
  /** Payment within 5 business days of recognition. */
  paymentDueAt: Date | null;
  denialReason: string | null;
  settlement: (Settlement & { ibc: number; contributedWeeks: number; computedAt: Date }) | null;
  payment: { paidOn: string; amount: number; reference: string } | null;
  /** "<startDate>:<id>": a member's or employer's list by date. */
  sortKey: string;
  /** "<next deadline>:<id>" while the EPS owes a step, null once paid or denied: the agents' queue. */
  queueKey: string | null;
  /** "<subject>:<client key>", or "auto:<number>": a retried filing returns the same number. */
  idempotencyKey: string;
  version: number;
  seeded?: boolean;
}

const incapacitySchema = new Schema<IncapacityDoc>(
  {
    _id: String,
    memberId: { type: String, required: true },
    employerNit: { type: String, default: null },
    type: { type: String, enum: Object.values(IncapacityType), required: true },
    startDate: { type: String, required: true },
    endDate: { type: String, required: true },
    days: { type: Number, required: true },
    diagnosis: { _id: false, code: String, system: String, cie11Code: { type: String, default: null } },
    setting: { type: String, required: true },
    modality: { type: String, required: true },
    professional: { _id: false, name: String, documentNumber: String },
    ipsCode: { type: String, required: true },
    attachment: { type: String, required: true },
    gestationDays: { type: Number, default: null },
    extensionOf: { type: String, default: null },
    extensionSlot: { type: String, required: true },
    chainId: { type: String, required: true },
    chainDaysBefore: { type: Number, required: true },
    chainDays: { type: Number, required: true },
    state: { type: String, enum: Object.values(ClaimState), required: true },
    history: [{ _id: false, from: String, to: String, at: Date, by: String, role: String, note: String }],
    filedAt: { type: Date, required: true },
    filedBy: { _id: false, subject: String, role: String },
    reviewDueAt: { type: Date, required: true },
    recognizedAt: { type: Date, default: null },
    paymentDueAt: { type: Date, default: null },
    denialReason: { type: String, default: null },
    settlement: { type: Schema.Types.Mixed, default: null },
    payment: { type: Schema.Types.Mixed, default: null },
    sortKey: { type: String, required: true },
    queueKey: { type: String, default: null },
    idempotencyKey: { type: String, required: true },
    version: { type: Number, required: true },
    seeded: Boolean,
  },
  // Claims move money and answer a legal duty: journaled majority writes.
  { collection: "incapacities", versionKey: false, writeConcern: { w: "majority", j: true } },
);
incapacitySchema.index({ memberId: 1, sortKey: 1 });
incapacitySchema.index({ employerNit: 1, sortKey: 1 });
incapacitySchema.index({ queueKey: 1 });
incapacitySchema.index({ idempotencyKey: 1 }, { unique: true });
// The last certificate of a chain (an extension must follow it).
incapacitySchema.index({ chainId: 1, chainDays: 1 });
incapacitySchema.index({ extensionSlot: 1 }, { unique: true });
// The analysts' yearly statistics: a range of start dates.
incapacitySchema.index({ sortKey: 1 });
// What the EPS owes an employer (settled, unpaid).
incapacitySchema.index({ employerNit: 1, state: 1 });

export type IncapacityModel = Model<IncapacityDoc>;
export const incapacityModel = (connection: Connection): IncapacityModel =>
  (connection.models["Incapacity"] as IncapacityModel | undefined) ?? connection.model<IncapacityDoc>("Incapacity", incapacitySchema);

export interface CounterDoc {
  _id: string;
  value: number;
}
const counterSchema = new Schema<CounterDoc>({ _id: String, value: { type: Number, required: true } }, { collection: "counters", versionKey: false, writeConcern: { w: "majority", j: true } });
export const counterModel = (connection: Connection): Model<CounterDoc> =>
  (connection.models["Counter"] as Model<CounterDoc> | undefined) ?? connection.model<CounterDoc>("Counter", counterSchema);

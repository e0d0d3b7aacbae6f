import { Schema, type Connection, type Model } from "mongoose";
import type { HealthRisk, PetitionKind, PqrsState, PqrsType, TermUnit } from "./pqrs.rules.js";

export interface PqrsTransition {
  from: PqrsState | null;
  to: PqrsState;
  at: Date;
  by: string;
  role: string;
  note: string | null;
}

/** A petition, complaint, claim, suggestion, compliment, report or data-protection request. */
export interface PqrsDoc {
  /** Filing number: "PQRS-<year>-<7 digits>", returned at once. */
  _id: string;
  /** The member it is from; null when filed anonymously. */
  memberId: string | null;
  type: PqrsType;
  petitionKind: PetitionKind | null;
  risk: HealthRisk | null;
  specialProtection: string[];
  subject: string;
  description: string;
  serviceConcerned: string | null;
  /** The clinic it concerns (REPS). */
  ipsCode: string | null;
  /**
   * What the clinic sees, once an agent released it: a summary the agent wrote without names or health
   * details, and the clinic's code as the feed's key (null until released).
   */
  summaryForIps: string | null;
  ipsFeedKey: string | null;
  /** sha256 of who and what was filed: a reused idempotency key with other content is refused. */
  fingerprint: string;
  attachments: string[];
  /** Where the answer goes: the member's registered channel, or the anonymous filer's. */
  contact: { email: string | null; mobile: string | null };
  /** For the analysts' counts: the member's municipality (or the one an anonymous filer gave). */
  municipalityCode: string | null;
  state: PqrsState;
  history: PqrsTransition[];
  filedAt: Date;
  filedBy: { subject: string; role: string };
  term: { amount: number; unit: TermUnit; norm: string; extension: number; extended: boolean };
  dueAt: Date;
  assignedTo: string | null;
  answer: { text: string; at: Date; by: string } | null;
  answeredAt: Date | null;
  /** "<startDate>" ordering of a member's list: filedAt + id. */
  sortKey: string;
  /** "<dueAt>:<id>" while an answer is owed, null after: the agents' queue. */
  queueKey: string | null;
  idempotencyKey: string;
  version: number;
  seeded?: boolean;
}

const pqrsSchema = new Schema<PqrsDoc>(
  {
    _id: String,
    memberId: { type: String, default: null },
    type: { type: String, required: true },
    petitionKind: { type: String, default: null },
    risk: { type: String, default: null },
    specialProtection: [String],
    subject: { type: String, required: true },
    description: { type: String, required: true },
    serviceConcerned: { type: String, default: null },
    ipsCode: { type: String, default: null },
    summaryForIps: { type: String, default: null },
    ipsFeedKey: { type: String, default: null },
    fingerprint: { type: String, required: true },
    attachments: [String],
    contact: { _id: false, email: { type: String, default: null }, mobile: { type: String, default: null } },
    municipalityCode: { type: String, default: null },
    state: { type: String, required: true },
    history: [{ _id: false, from: String, to: String, at: Date, by: String, role: String, note: String }],
    filedAt: { type: Date, required: true },
    filedBy: { _id: false, subject: String, role: String },
    term: { _id: false, amount: Number, unit: String, norm: String, extension: Number, extended: Boolean },
    dueAt: { type: Date, required: true },
    assignedTo: { type: String, default: null },
    answer: { type: Schema.Types.Mixed, default: null },
    answeredAt: { type: Date, default: null },
    sortKey: { type: String, required: true },
    queueKey: { type: String, default: null },
    idempotencyKey: { type: String, required: true },
    version: { type: Number, required: true },
    seeded: Boolean,
  },
  // An answer owed by law: journaled majority writes.
  { collection: "pqrs", versionKey: false, writeConcern: { w: "majority", j: true } },
);
pqrsSchema.index({ memberId: 1, sortKey: 1 });
pqrsSchema.index({ memberId: 1, state: 1, sortKey: 1 });
// A clinic's feed: only what an agent released to it.
pqrsSchema.index({ ipsFeedKey: 1, sortKey: 1 });
pqrsSchema.index({ queueKey: 1 });
pqrsSchema.index({ idempotencyKey: 1 }, { unique: true });
// The analysts' counts over a period of filings.
pqrsSchema.index({ sortKey: 1 });

export type PqrsModel = Model<PqrsDoc>;
export const pqrsModel = (connection: Connection): PqrsModel => (connection.models["Pqrs"] as PqrsModel | undefined) ?? connection.model<PqrsDoc>("Pqrs", pqrsSchema);

/** Messages to deliver (the kit's outbox sender, kit/mail/outbox.ts, e-mails them): written with the change that causes them. */
export interface OutboxDoc {
  _id: string;
  pqrsNumber: string;
  channel: "EMAIL" | "SMS";
  to: string;
  subject: string;
  body: string;
  createdAt: Date;
  sentAt: Date | null;
  /** "<createdAt>:<id>" until sent, null after: the sender takes the oldest first. */
  pendingKey: string | null;
}
const outboxSchema = new Schema<OutboxDoc>(
  {
    _id: String,
    pqrsNumber: { type: String, required: true },
    channel: { type: String, required: true },
    to: { type: String, required: true },
    subject: { type: String, required: true },
    body: { type: String, required: true },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
    pendingKey: { type: String, default: null },
  },
  { collection: "outbox", versionKey: false, writeConcern: { w: "majority", j: true } },
);
outboxSchema.index({ pendingKey: 1 });
outboxSchema.index({ pqrsNumber: 1 });
export const outboxModel = (connection: Connection): Model<OutboxDoc> =>
  (connection.models["Outbox"] as Model<OutboxDoc> | undefined) ?? connection.model<OutboxDoc>("Outbox", outboxSchema);

export interface CounterDoc {
  _id: string;
  value: number;
}
const counterSchema = new Schema<CounterDoc>({ _id: String, value: { type: Number, required: true } }, { collection: "counters", versionKey: false, writeConcern: { w: "majority", j: true } });
export const counterModel = (connection: Connection): Model<CounterDoc> =>
  (connection.models["Counter"] as Model<CounterDoc> | undefined) ?? connection.model<CounterDoc>("Counter", counterSchema);

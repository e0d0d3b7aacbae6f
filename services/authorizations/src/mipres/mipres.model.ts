import { Schema, type Connection, type Model } from "mongoose";
import { DeliveryPlaceKind, MipresSetting, PendingDeliveryState, PendingReason, PrescriptionState, TechnologyType } from "./mipres.enums.js";

export interface LastDeliveryDoc {
  quantity: number;
  at: Date;
  /** Who received it: the member or the person they sent. */
  receivedBy: string;
}

export interface TechnologyDoc {
  /** The technology's consecutive within the prescription, from 1, as MIPRES numbers them. */
  index: number;
  type: TechnologyType;
  /** CUM for medicines, CUPS for procedures, MIPRES's own code for the rest. */
  code: string;
  description: string;
  /** Total prescribed, over all deliveries. */
  quantity: number;
  /** Planned deliveries: 1 = a single delivery (3-month window), more = successive (1-year window). */
  deliveries: number;
  /** Quantity delivered so far. */
  delivered: number;
  /** Direccionamiento: the dispenser (REPS code) the EPS routed it to; null until routed. */
  dispenserIpsCode: string | null;
  /** Direccionamiento: the latest date ("YYYY-MM-DD") the dispenser must deliver by. */
  latestDeliveryDate: string | null;
  lastDelivery?: LastDeliveryDoc | null;
}

export interface PrescriptionDoc {
  /** The 20-digit MIPRES number: the prescription date YYYYMMDD and 12 digits. */
  _id: string;
  /** How many pendientes were registered against it (see the schema). */
  registrations?: number;
  memberId: string;
  /** "YYYY-MM-DD". */
  prescribedAt: string;
  settingCode: MipresSetting;
  state: PrescriptionState;
  prescriberIpsCode: string;
  professional: { name: string; specialty?: string | null };
  diagnosis: { code: string; system: "CIE-10"; description: string };
  technologies: TechnologyDoc[];
  /** prescribedAt + ":" + number: a member's (or a dispenser's) list newest first, page by page. */
  sortKey: string;
  seeded?: boolean;
}
export type PrescriptionModel = Model<PrescriptionDoc>;

export interface DeliveryPlaceDoc {
  kind: DeliveryPlaceKind;
  /** DISPENSARIO: the dispensing point's REPS code. */
  ipsCode?: string | null;
  /** DOMICILIO: the member's address. */
  address?: string | null;
}

export interface PendingTransitionDoc {
  /** Null when registered; equal to `to` for a change that keeps the state (a new place). */
  from: PendingDeliveryState | null;
  to: PendingDeliveryState;
  at: Date;
  /** Token subject and role of who made the change. */
  by: string;
  role: string;
  note?: string | null;
}

export interface PendingDeliveryDoc {
  _id: string;
  prescriptionNumber: string;
  memberId: string;
  technologyIndex: number;
  description: string;
  quantity: number;
  /** The dispenser answerable for it: the one the technology is routed to. */
  dispenserIpsCode: string;
  reason: PendingReason;
  place: DeliveryPlaceDoc;
  registeredAt: Date;
  /** registeredAt + 48 h (PENDING_DELIVERY_HOURS): the legal deadline, kept when the place changes. */
  dueAt: Date;
  state: PendingDeliveryState;
  deliveredAt?: Date | null;
  receivedBy?: string | null;
  registeredBy: { subject: string; role: string };
  history: PendingTransitionDoc[];
  /** A client's key for a retried registration: the same key returns the same pendiente. */
  idempotencyKey?: string | null;
  /** registeredAt ISO + ":" + id: a member's or a dispenser's list newest first. */
  sortKey: string;
  /** dueAt ISO + ":" + id while PENDIENTE, null after: the agents' queue of overdue deliveries. */
  queueKey?: string | null;
  /** Bumped by every change. */
  version: number;
  seeded?: boolean;
}
export type PendingDeliveryModel = Model<PendingDeliveryDoc>;

const enumValues = (e: object): string[] => Object.values(e) as string[];

// A schema of its own: a field named `type` inside an inline array element would read as a type declaration.
const technologySchema = new Schema<TechnologyDoc>(
  {
    index: { type: Number, required: true },
    type: { type: String, enum: enumValues(TechnologyType), required: true },
    code: { type: String, required: true },
    description: { type: String, required: true },
    quantity: { type: Number, required: true },
    deliveries: { type: Number, required: true },
    delivered: { type: Number, required: true },
    dispenserIpsCode: { type: String, default: null },
    latestDeliveryDate: { type: String, default: null },
    lastDelivery: { type: new Schema<LastDeliveryDoc>({ quantity: Number, at: Date, receivedBy: String }, { _id: false }), default: null },
  },
  { _id: false },
);

const prescriptionSchema = new Schema<PrescriptionDoc>(
  {
    // Bumped by each pendiente registered: what makes two registrations at once conflict (and retry).
    registrations: { type: Number, default: 0 },
    _id: { type: String, required: true },
    memberId: { type: String, required: true },
    prescribedAt: { type: String, required: true },
    settingCode: { type: String, enum: enumValues(MipresSetting), required: true },
    state: { type: String, enum: enumValues(PrescriptionState), required: true },
    prescriberIpsCode: { type: String, required: true },
    professional: { _id: false, name: { type: String, required: true }, specialty: { type: String, default: null } },
    diagnosis: { _id: false, code: { type: String, required: true }, system: { type: String, required: true }, description: { type: String, required: true } },
    technologies: [technologySchema],
    sortKey: { type: String, required: true },
    seeded: Boolean,
  },
  // Deliveries of prescribed technologies answer a legal duty: every write waits for the journal on a majority.
  { collection: "mipres_prescriptions", versionKey: false, writeConcern: { w: "majority", j: true } },
);
// A member's prescriptions newest first (Member.mipresPrescriptions, for many members at once).
prescriptionSchema.index({ memberId: 1, sortKey: 1 });
// A dispenser's inbox: the prescriptions routed to it.
prescriptionSchema.index({ "technologies.dispenserIpsCode": 1, sortKey: 1 });

export const prescriptionModel = (connection: Connection): PrescriptionModel =>
  (connection.models["MipresPrescription"] as PrescriptionModel | undefined) ?? connection.model<PrescriptionDoc>("MipresPrescription", prescriptionSchema);

const pendingDeliverySchema = new Schema<PendingDeliveryDoc>(
  {
    _id: { type: String, required: true },
    prescriptionNumber: { type: String, required: true },
    memberId: { type: String, required: true },
    technologyIndex: { type: Number, required: true },
    description: { type: String, required: true },
    quantity: { type: Number, required: true },
    dispenserIpsCode: { type: String, required: true },
    reason: { type: String, enum: enumValues(PendingReason), required: true },
    place: {
      _id: false,
      kind: { type: String, enum: enumValues(DeliveryPlaceKind), required: true },
      ipsCode: { type: String, default: null },
      address: { type: String, default: null },
    },
    registeredAt: { type: Date, required: true },
    dueAt: { type: Date, required: true },
    state: { type: String, enum: enumValues(PendingDeliveryState), required: true },
    deliveredAt: { type: Date, default: null },
    receivedBy: { type: String, default: null },
    registeredBy: { _id: false, subject: { type: String, required: true }, role: { type: String, required: true } },
    history: [{ _id: false, from: String, to: String, at: Date, by: String, role: String, note: String }],
    idempotencyKey: { type: String, default: null },
    sortKey: { type: String, required: true },
    queueKey: { type: String, default: null },
    version: { type: Number, required: true },
    seeded: Boolean,
  },
  // A pendiente is the insurer's legal duty to deliver within 48 h: every write is journaled on a majority.
  { collection: "pending_deliveries", versionKey: false, writeConcern: { w: "majority", j: true } },
);
// A member's pendientes newest first, all or only the open ones.
pendingDeliverySchema.index({ memberId: 1, sortKey: 1 });
pendingDeliverySchema.index({ memberId: 1, state: 1, sortKey: 1 });
// The agents' queue by due date: only open pendientes carry a queueKey.
// A plain index (SecantusDB never uses partial ones); queries on it are ranges over strings, which leave out the null of the closed.
pendingDeliverySchema.index({ queueKey: 1 });
// A dispenser's pendientes newest first.
pendingDeliverySchema.index({ dispenserIpsCode: 1, sortKey: 1 });
// A retried registration: one pendiente per client key.
pendingDeliverySchema.index({ "registeredBy.subject": 1, idempotencyKey: 1 }, { unique: true, partialFilterExpression: { idempotencyKey: { $type: "string" } } });

export const pendingDeliveryModel = (connection: Connection): PendingDeliveryModel =>
  (connection.models["PendingDelivery"] as PendingDeliveryModel | undefined) ?? connection.model<PendingDeliveryDoc>("PendingDelivery", pendingDeliverySchema);

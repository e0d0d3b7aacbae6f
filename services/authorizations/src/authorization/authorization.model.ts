import { Schema, type Connection, type Model } from "mongoose";
import type { MemberCharge } from "../copay/copay.rules.js";
import type { CupsKind } from "../catalog/cups.data.js";
import { AuthorizationState, CareOrigin, CareSetting, type DeadlineRule, type DeadlineUnit, Payer, type RequestClass } from "./authorization.enums.js";

export interface DiagnosisDoc {
  /** CIE-10, 4 characters (I10X, E119), checked against the catalogue. */
  code: string;
  system: "CIE-10";
  description: string;
  /** The CIE-11 companion code during the dual-coding transition (Res 1442 of 2024), when given. */
  cie11Code?: string | null;
  principal: boolean;
}

export interface ItemDoc {
  /** CUPS, 6 digits, checked against the catalogue. */
  cupsCode: string;
  description: string;
  kind: CupsKind;
  quantity: number;
  /** Set by the decision: how many were approved (0 = denied), and why fewer. */
  approvedQuantity?: number | null;
  denialReason?: string | null;
  /** What the member pays for it, set on approval. */
  charge?: MemberCharge | null;
}

export interface TransitionDoc {
  from: AuthorizationState | null;
  to: AuthorizationState;
  at: Date;
  /** Token subject and role of who made the change. */
  by: string;
  role: string;
  note?: string | null;
}

export interface AuthorizationDoc {
  /** The filing number (número de radicado): "AUT-" + year + consecutive. */
  _id: string;
  memberId: string;
  state: AuthorizationState;
  requestingIpsCode: string;
  professional: { name: string; documentNumber: string; specialty?: string | null };
  diagnoses: DiagnosisDoc[];
  items: ItemDoc[];
  setting: CareSetting;
  afterEmergency: boolean;
  origin: CareOrigin;
  payer: Payer;
  prioritised: boolean;
  specialProtection: string[];
  attachments: string[];
  /** "YYYY-MM-DD": the date the service was ordered, which decides the deadline rule. */
  serviceDate: string;
  filedAt: Date;
  filedBy: { subject: string; role: string };
  /** The norm that governs the answer, its unit and the moment it is due. */
  deadline: { rule: DeadlineRule; requestClass: RequestClass; amount: number; unit: DeadlineUnit; dueAt: Date };
  /** When the EPS answered (approved, denied or asked for documents). */
  answeredAt?: Date | null;
  destinationIpsCode?: string | null;
  validUntil?: string | null;
  denialReason?: string | null;
  history: TransitionDoc[];
  /**
   * "<subject>:<client key>" for a request sent with an idempotency key (a retry returns the same filing),
   * else "auto:<number>": always set, so one plain unique index serves the lookup on every server.
   */
  idempotencyKey: string;
  /** filedAt + id: a member's list newest first, page by page. */
  sortKey: string;
  /** dueAt + id while the EPS owes an answer, unset after: the agents' queue in deadline order. */
  queueKey?: string | null;
  /** Bumped by every change: the guard of concurrent updates that do not change the state. */
  version: number;
  seeded?: boolean;
}
export type AuthorizationModel = Model<AuthorizationDoc>;

const enumValues = (e: object): string[] => Object.values(e) as string[];

const authorizationSchema = new Schema<AuthorizationDoc>(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true },
    state: { type: String, enum: enumValues(AuthorizationState), required: true },
    requestingIpsCode: { type: String, required: true },
    professional: { _id: false, name: { type: String, required: true }, documentNumber: { type: String, required: true }, specialty: { type: String, default: null } },
    diagnoses: [{ _id: false, code: String, system: String, description: String, cie11Code: { type: String, default: null }, principal: Boolean }],
    items: [
      {
        _id: false,
        cupsCode: String,
        description: String,
        kind: String,
        quantity: Number,
        approvedQuantity: { type: Number, default: null },
        denialReason: { type: String, default: null },
        charge: { type: Schema.Types.Mixed, default: null },
      },
    ],
    setting: { type: String, enum: enumValues(CareSetting), required: true },
    afterEmergency: { type: Boolean, required: true },
    origin: { type: String, enum: enumValues(CareOrigin), required: true },
    payer: { type: String, enum: enumValues(Payer), required: true },
    prioritised: { type: Boolean, required: true },
    specialProtection: [String],
    attachments: [String],
    serviceDate: { type: String, required: true },
    filedAt: { type: Date, required: true },
    filedBy: { _id: false, subject: String, role: String },
    deadline: { _id: false, rule: String, requestClass: String, amount: Number, unit: String, dueAt: Date },
    answeredAt: { type: Date, default: null },
    destinationIpsCode: { type: String, default: null },
    validUntil: { type: String, default: null },
    denialReason: { type: String, default: null },
    history: [{ _id: false, from: String, to: String, at: Date, by: String, role: String, note: String }],
    idempotencyKey: { type: String, required: true },
    sortKey: { type: String, required: true },
    queueKey: { type: String, default: null },
    version: { type: Number, required: true },
    seeded: Boolean,
  },
  // Authorizations answer a legal duty: every write waits for the journal on a majority.
  { collection: "authorizations", versionKey: false, writeConcern: { w: "majority", j: true } },
);
// A member's authorizations newest first (and by state), and Member.authorizations for many members.
// Ascending keys read backwards for "newest first": SecantusDB loses a document at a $gte bound of a
// descending index (docs/architecture.md), and MongoDB walks either direction alike.
authorizationSchema.index({ memberId: 1, sortKey: 1 });
authorizationSchema.index({ memberId: 1, state: 1, sortKey: 1 });
// A clinic's inbox: what it requested and what is addressed to it.
authorizationSchema.index({ requestingIpsCode: 1, sortKey: 1 });
authorizationSchema.index({ destinationIpsCode: 1, sortKey: 1 });
// The agents' queue in deadline order: only requests still awaiting an answer carry a queueKey (null
// after), and every query on it is a range over strings. A plain index: SecantusDB never uses partial ones.
authorizationSchema.index({ queueKey: 1 });
// A retried request: one filing per client key.
authorizationSchema.index({ idempotencyKey: 1 }, { unique: true });
// Approved authorizations past their validity, for the expiry sweep.
authorizationSchema.index({ state: 1, validUntil: 1 });
// The analysts' yearly statistics (authorizationStatistics): a range of filing dates (sortKey starts with
// filedAt), which no index above leads with. { state, sortKey } with every state in $in would scan the
// collection on SecantusDB.
authorizationSchema.index({ sortKey: 1 });

export const authorizationModel = (connection: Connection): AuthorizationModel =>
  (connection.models["Authorization"] as AuthorizationModel | undefined) ?? connection.model<AuthorizationDoc>("Authorization", authorizationSchema);

/** The consecutive behind filing numbers: one counter document per year, `$inc`-ed atomically. */
export interface CounterDoc {
  _id: string;
  value: number;
}
const counterSchema = new Schema<CounterDoc>({ _id: String, value: { type: Number, required: true } }, { collection: "counters", versionKey: false, writeConcern: { w: "majority", j: true } });
export const counterModel = (connection: Connection): Model<CounterDoc> =>
  (connection.models["Counter"] as Model<CounterDoc> | undefined) ?? connection.model<CounterDoc>("Counter", counterSchema);

export async function nextNumber(counters: Model<CounterDoc>, series: string): Promise<number> {
  const counter = await counters.findOneAndUpdate({ _id: series }, { $inc: { value: 1 } }, { upsert: true, returnDocument: "after" }).lean<CounterDoc>().exec();
  return (counter as CounterDoc).value;
}

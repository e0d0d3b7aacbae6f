import { Schema, type Connection, type Model } from "mongoose";

export const ContributionState = { PAGADO: "PAGADO", PAGADO_TARDE: "PAGADO_TARDE", NO_PAGADO: "NO_PAGADO" } as const;
export type ContributionState = (typeof ContributionState)[keyof typeof ContributionState];

/** One month's health contribution (aporte) of a cotizante, as the PILA operator reported it. */
export interface ContributionDoc {
  /** `<memberId>:<period>`: one row per cotizante and month. */
  _id: string;
  memberId: string;
  /** "YYYY-MM". */
  period: string;
  /** Who pays: the employer's NIT (9 digits) for a dependent, null when the member pays (independent). */
  aportanteNit: string | null;
  aportanteName: string;
  /** PILA planilla type: E (employees), I (independent), Y (independent company), S (domestic service)... */
  planillaType: string;
  planillaNumber: string | null;
  operator: string | null;
  ibc: number;
  days: number;
  /** Whole pesos: the 12.5 % of the IBC and its split. */
  amount: number;
  employerShare: number;
  workerShare: number;
  /** "YYYY-MM-DD": the last day to pay without interest. */
  dueDate: string;
  paidOn: string | null;
  daysLate: number;
  /** Late-payment interest paid, whole pesos. */
  interest: number;
  state: ContributionState;
  /** The employer deducted the worker's share and did not pay it (Ley 789 de 2002 art. 43: no suspension). */
  deductedNotPaid: boolean;
  /** "<period>:<memberId>": unique, so an employer's periods (many workers each) page by a plain range. */
  sortKey: string;
  seeded?: boolean;
}

const contributionSchema = new Schema<ContributionDoc>(
  {
    _id: String,
    memberId: { type: String, required: true },
    period: { type: String, required: true },
    aportanteNit: { type: String, default: null },
    aportanteName: { type: String, required: true },
    planillaType: { type: String, required: true },
    planillaNumber: { type: String, default: null },
    operator: { type: String, default: null },
    ibc: { type: Number, required: true },
    days: { type: Number, required: true },
    amount: { type: Number, required: true },
    employerShare: { type: Number, required: true },
    workerShare: { type: Number, required: true },
    dueDate: { type: String, required: true },
    paidOn: { type: String, default: null },
    daysLate: { type: Number, required: true },
    interest: { type: Number, required: true },
    state: { type: String, enum: Object.values(ContributionState), required: true },
    deductedNotPaid: { type: Boolean, required: true },
    sortKey: { type: String, required: true },
    seeded: Boolean,
  },
  // Contributions are money: journaled majority writes.
  { collection: "contributions", versionKey: false, writeConcern: { w: "majority", j: true } },
);
// A member's history by period range, and every member's status in one batch; an employer's history.
contributionSchema.index({ memberId: 1, sortKey: 1 });
contributionSchema.index({ aportanteNit: 1, sortKey: 1 });
// Unpaid periods of many members at once (paz y salvo, arrears): the equality (state) before the $in
// (memberId), or SecantusDB scans the collection (docs/architecture.md).
contributionSchema.index({ state: 1, memberId: 1 });

export type ContributionModel = Model<ContributionDoc>;
export const contributionModel = (connection: Connection): ContributionModel =>
  (connection.models["Contribution"] as ContributionModel | undefined) ?? connection.model<ContributionDoc>("Contribution", contributionSchema);

import { Schema, type Connection, type Model } from "mongoose";

export const ContractState = { ACTIVO: "ACTIVO", SUSPENDIDO_MORA: "SUSPENDIDO_MORA", CANCELADO: "CANCELADO" } as const;
export type ContractState = (typeof ContractState)[keyof typeof ContractState];
export const InvoiceState = { EMITIDA: "EMITIDA", PAGADA: "PAGADA", VENCIDA: "VENCIDA", ANULADA: "ANULADA" } as const;
export type InvoiceState = (typeof InvoiceState)[keyof typeof InvoiceState];

/** A PAC (plan complementario) contract: a separate, voluntary contract between a member and the EPS. */
export interface ContractDoc {
  _id: string;
  /** The member who signs and pays. */
  holderId: string;
  /** Everyone covered (the holder among them when covered). */
  beneficiaryIds: string[];
  plan: string;
  /** Whole pesos a month for the whole contract. */
  monthlyFee: number;
  startDate: string;
  endDate: string | null;
  state: ContractState;
  /** When the state last changed. */
  stateSince: Date;
  /** The last payment applied to one of its invoices (also what makes two payments of one contract conflict). */
  lastPaymentAt?: Date | null;
  seeded?: boolean;
}

/** A monthly invoice (factura electrónica de venta) of a contract. */
export interface InvoiceDoc {
  /** Prefix and consecutive: "FEPA-0000123". */
  _id: string;
  consecutive: number;
  contractId: string;
  holderId: string;
  /** "YYYY-MM". */
  period: string;
  amount: number;
  issuedOn: string;
  dueDate: string;
  /** Código Único de Factura Electrónica: SHA-384 over the invoice's fields and the DIAN technical key. */
  cufe: string;
  state: InvoiceState;
  paidAt: Date | null;
  payment: { reference: string; cus: string; bank: string } | null;
  /** The holder while the invoice is owed (EMITIDA, VENCIDA), null once paid or annulled: "what these holders owe" is one indexed $in. */
  owedBy: string | null;
  /** The PSE payment under way, if any: one at a time per invoice, so nobody pays twice by starting twice. */
  openPayment: string | null;
  /** dueDate + number, ascending; a holder's invoices newest first read it backwards. */
  sortKey: string;
  seeded?: boolean;
}

const contractSchema = new Schema<ContractDoc>(
  {
    _id: String,
    holderId: { type: String, required: true },
    beneficiaryIds: [String],
    plan: { type: String, required: true },
    monthlyFee: { type: Number, required: true },
    startDate: { type: String, required: true },
    endDate: { type: String, default: null },
    state: { type: String, enum: Object.values(ContractState), required: true },
    stateSince: { type: Date, required: true },
    lastPaymentAt: { type: Date, default: null },
    seeded: Boolean,
  },
  { collection: "pac_contracts", versionKey: false, writeConcern: { w: "majority", j: true } },
);
contractSchema.index({ holderId: 1 });
contractSchema.index({ beneficiaryIds: 1 });
// The invoice run walks contracts in force.
contractSchema.index({ state: 1, _id: 1 });

const invoiceSchema = new Schema<InvoiceDoc>(
  {
    _id: String,
    consecutive: { type: Number, required: true },
    contractId: { type: String, required: true },
    holderId: { type: String, required: true },
    period: { type: String, required: true },
    amount: { type: Number, required: true },
    issuedOn: { type: String, required: true },
    dueDate: { type: String, required: true },
    cufe: { type: String, required: true },
    state: { type: String, enum: Object.values(InvoiceState), required: true },
    paidAt: { type: Date, default: null },
    payment: { type: Schema.Types.Mixed, default: null },
    openPayment: { type: String, default: null },
    owedBy: { type: String, default: null },
    sortKey: { type: String, required: true },
    seeded: Boolean,
  },
  { collection: "pac_invoices", versionKey: false, writeConcern: { w: "majority", j: true } },
);
// One invoice per contract and month: a run repeated, or two at once, create nothing twice.
invoiceSchema.index({ contractId: 1, period: 1 }, { unique: true });
// No two invoices share a consecutive.
invoiceSchema.index({ consecutive: 1 }, { unique: true });
// A holder's invoices (statement of account, arrears).
invoiceSchema.index({ holderId: 1, sortKey: 1 });
// Unpaid invoices past due, for the arrears sweep and the analysts' aging.
invoiceSchema.index({ state: 1, dueDate: 1 });
// What many holders owe at once (statements of account): a key only owed invoices carry, so one $in.
invoiceSchema.index({ owedBy: 1 });
// Invoices claimed by a payment under way, for the sweep that frees a claim left behind.
invoiceSchema.index({ openPayment: 1 });

export type ContractModel = Model<ContractDoc>;
export type InvoiceModel = Model<InvoiceDoc>;
export const contractModel = (connection: Connection): ContractModel =>
  (connection.models["PacContract"] as ContractModel | undefined) ?? connection.model<ContractDoc>("PacContract", contractSchema);
export const invoiceModel = (connection: Connection): InvoiceModel =>
  (connection.models["PacInvoice"] as InvoiceModel | undefined) ?? connection.model<InvoiceDoc>("PacInvoice", invoiceSchema);

/** The consecutive of the invoices: one document, `$inc`-ed inside the transaction that inserts the invoice. */
export interface SequenceDoc {
  _id: string;
  value: number;
}
const sequenceSchema = new Schema<SequenceDoc>({ _id: String, value: { type: Number, required: true } }, { collection: "sequences", versionKey: false, writeConcern: { w: "majority", j: true } });
export const sequenceModel = (connection: Connection): Model<SequenceDoc> =>
  (connection.models["Sequence"] as Model<SequenceDoc> | undefined) ?? connection.model<SequenceDoc>("Sequence", sequenceSchema);

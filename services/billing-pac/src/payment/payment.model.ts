import { Schema, type Connection, type Model } from "mongoose";

export const PaymentState = { PENDIENTE: "PENDIENTE", APROBADO: "APROBADO", RECHAZADO: "RECHAZADO", EN_REVISION: "EN_REVISION" } as const;
export type PaymentState = (typeof PaymentState)[keyof typeof PaymentState];

/** A PSE payment of a PAC invoice: started here, decided by the bank, applied once. */
export interface PaymentDoc {
  /** Our reference, sent to the bank. */
  _id: string;
  invoiceNumber: string;
  holderId: string;
  amount: number;
  bankCode: string;
  state: PaymentState;
  /** The bank's transaction id and the URL the member's browser goes to. */
  transactionId: string | null;
  redirectUrl: string | null;
  /** Código Único de Seguimiento: the bank's receipt of an approved payment. */
  cus: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
  /** How the result arrived: CALLBACK, RECONCILIACION, BANCO_NO_RESPONDIO (never opened), VENCIDO (no answer in time). */
  resolvedBy: string | null;
  /**
   * Money a person must look at: the bank approved a payment for an invoice already paid (a refund), or
   * answered with another amount, or approved after we had given up on it and the invoice was paid since.
   */
  review: string | null;
  /** "<subject>:<client key>": a retried start returns the same payment. */
  idempotencyKey: string;
  startedBy: { subject: string; role: string };
  /** "<next check ISO>:<id>" while pending, null once decided: reconciliation takes the earliest due first. */
  pendingKey: string | null;
}

const paymentSchema = new Schema<PaymentDoc>(
  {
    _id: String,
    invoiceNumber: { type: String, required: true },
    holderId: { type: String, required: true },
    amount: { type: Number, required: true },
    bankCode: { type: String, required: true },
    state: { type: String, enum: Object.values(PaymentState), required: true },
    transactionId: { type: String, default: null },
    redirectUrl: { type: String, default: null },
    cus: { type: String, default: null },
    createdAt: { type: Date, required: true },
    resolvedAt: { type: Date, default: null },
    resolvedBy: { type: String, default: null },
    review: { type: String, default: null },
    idempotencyKey: { type: String, required: true },
    startedBy: { _id: false, subject: String, role: String },
    pendingKey: { type: String, default: null },
  },
  { collection: "pse_payments", versionKey: false, writeConcern: { w: "majority", j: true } },
);
paymentSchema.index({ idempotencyKey: 1 }, { unique: true });
paymentSchema.index({ invoiceNumber: 1 });
// Pending payments oldest first (reconciliation); null once decided.
paymentSchema.index({ pendingKey: 1 });

export type PaymentModel = Model<PaymentDoc>;
export const paymentModel = (connection: Connection): PaymentModel =>
  (connection.models["PsePayment"] as PaymentModel | undefined) ?? connection.model<PaymentDoc>("PsePayment", paymentSchema);

import { Schema, type Connection, type Model } from "mongoose";

/**
 * Messages to an applicant (the outcome of their application), written in the same transaction as the
 * decision and delivered by the documents service by e-mail: a decision never goes untold, nor is told
 * without being made.
 */
export interface OutboxDoc {
  _id: string;
  filingNumber: string;
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
    filingNumber: { type: String, required: true },
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
outboxSchema.index({ filingNumber: 1 });

export const outboxModel = (connection: Connection): Model<OutboxDoc> =>
  (connection.models["AffiliationOutbox"] as Model<OutboxDoc> | undefined) ?? connection.model<OutboxDoc>("AffiliationOutbox", outboxSchema);

import { newId } from "@sos/kit";
import { Schema, type ClientSession, type Connection, type Model } from "mongoose";

/**
 * Messages to a person — an application's outcome, a notice to a cotizante that their family group
 * changed, a novedad — written in the same transaction as the change they tell of and delivered by the
 * kit's outbox sender (kit/mail/outbox.ts) by e-mail (SMS, once there is a provider, when there is no e-mail): a change never goes untold, nor is told
 * without being made.
 */
export interface OutboxDoc {
  _id: string;
  /** What the message is about: the application's filing number, or the member it concerns. */
  filingNumber: string | null;
  memberId: string | null;
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
    filingNumber: { type: String, default: null },
    memberId: { type: String, default: null },
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
outboxSchema.index({ memberId: 1 });

export const outboxModel = (connection: Connection): Model<OutboxDoc> =>
  (connection.models["AffiliationOutbox"] as Model<OutboxDoc> | undefined) ?? connection.model<OutboxDoc>("AffiliationOutbox", outboxSchema);

export interface Recipient {
  contact: { email?: string | null; mobile?: string | null };
}

/**
 * A message to whoever `recipient`'s contact data reaches: e-mail when there is one, else SMS. Null when
 * there is no way to reach them (a beneficiary with no contact of their own): the change stands, untold.
 */
export function outboxMessage(
  recipient: Recipient,
  about: { filingNumber?: string; memberId?: string },
  subject: string,
  body: string,
  at: Date,
): OutboxDoc | null {
  const email = recipient.contact.email ?? null;
  const to = email ?? recipient.contact.mobile ?? null;
  if (!to) return null;
  const id = newId();
  return {
    _id: id,
    filingNumber: about.filingNumber ?? null,
    memberId: about.memberId ?? null,
    channel: email ? "EMAIL" : "SMS",
    to,
    subject,
    body,
    createdAt: at,
    sentAt: null,
    pendingKey: `${at.toISOString()}:${id}`,
  };
}

/** Writes a message (if there is anyone to tell) in the transaction of the change it tells of. */
export async function notify(outbox: Model<OutboxDoc>, session: ClientSession, message: OutboxDoc | null): Promise<void> {
  if (message) await outbox.create([message], { session });
}

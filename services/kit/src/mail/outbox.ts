import type { Connection } from "mongoose";
import { ConfigError, isProduction } from "../config.js";
import { pdfBytes, storedCertificateModel, type StoredCertificate } from "../documents/issuer.js";
import { isDuplicateKeyError, newId } from "../mongo/ids.js";
import { mailerFor, type MailAttachment, type Mailer } from "./mailer.js";

/**
 * Every subgraph's messages to people (a PQRS answer, a notice that a family group changed, a certificate
 * sent by e-mail) wait in its own `outbox` collection, written with the change they tell of, and this
 * delivers them: the oldest due first, each claimed for a while so two replicas do not send it twice,
 * retried with growing pauses when the mail server refuses, and every attempt recorded on the message.
 *
 * The fields every outbox message has, whichever subgraph wrote it (each may add its own references):
 * `channel`, `to`, `subject`, `body`, `createdAt`, `sentAt`, and `pendingKey` = "<due ISO instant>:<id>"
 * while it waits (null once sent or given up), so the sender reads one index in due order.
 */
export interface OutboxAttachmentRef {
  filename: string;
  /** A certificate this subgraph issued: its PDF is attached as it was issued. */
  certificateCode: string;
}

export interface DeliveryAttempt {
  at: Date;
  ok: boolean;
  /** The SMTP server's message id, or why it failed. */
  detail: string;
}

interface OutboxRow {
  _id: string;
  channel: string;
  to: string;
  subject: string;
  body: string;
  pendingKey: string | null;
  attachments?: OutboxAttachmentRef[];
  attempts?: DeliveryAttempt[];
}

/** Pauses after each failed attempt; after the last, the message is given up (`failedAt`) for a person to look at. */
const RETRY_AFTER_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];
/** How long a claimed message is left to its sender before another may take it (a sender that died). */
const CLAIM_MS = 2 * 60_000;
const BATCH = 20;

const dueKey = (at: Date, id: string): string => `${at.toISOString()}:${id}`;

export interface MailSettings {
  smtpUrl: string;
  from: string;
}

/** SMTP_URL and MAIL_FROM; in development, the mail catcher `npm start` runs (its messages at :4091). */
export function mailSettings(env: NodeJS.ProcessEnv): MailSettings {
  const smtpUrl = env["SMTP_URL"]?.trim();
  if (!smtpUrl && isProduction(env)) throw new ConfigError("SMTP_URL is required in production: messages to members are sent by e-mail.");
  return { smtpUrl: smtpUrl || "smtp://127.0.0.1:1025", from: env["MAIL_FROM"]?.trim() || "S.O.S. EPS - Oficina Virtual <no-responder@sos-eps.example>" };
}

/** A new e-mail message for a subgraph's outbox (insert it in the same transaction as the change it tells of). */
export function emailMessage(
  message: { to: string; subject: string; body: string; attachments?: OutboxAttachmentRef[]; memberId?: string | null; id?: string },
  at = new Date(),
): Record<string, unknown> {
  const id = message.id ?? newId();
  return {
    _id: id,
    channel: "EMAIL",
    to: message.to,
    subject: message.subject,
    body: message.body,
    memberId: message.memberId ?? null,
    attachments: message.attachments ?? [],
    createdAt: at,
    sentAt: null,
    pendingKey: dueKey(at, id),
  };
}

/**
 * Queues an e-mail in this subgraph's outbox (raw: each subgraph's own outbox model may know fewer fields).
 * With an `id` it is queued once: a second message with the same id (a retried request) is the same message.
 */
export async function enqueueEmail(connection: Connection, message: Parameters<typeof emailMessage>[0]): Promise<void> {
  try {
    await connection.collection("outbox").insertOne(emailMessage(message) as never);
  } catch (error) {
    if (!(message.id && isDuplicateKeyError(error))) throw error;
  }
}

/** The index the sender reads (every subgraph's outbox, whether or not it declares a model of its own). */
export const ensureOutboxIndex = async (connection: Connection): Promise<void> => {
  await connection.collection("outbox").createIndex({ pendingKey: 1 });
};

/** "maria.valencia@correo.example" → "m***@correo.example": enough for a person to recognise their address. */
export const maskEmail = (email: string): string => email.replace(/^(.)[^@]*(@.*)$/, "$1***$2");

export interface DeliveryReport {
  sent: number;
  failed: number;
  gaveUp: number;
}

/**
 * One pass over a subgraph's outbox: every e-mail message due now, oldest first, at most `limit`. SMS
 * messages wait for an SMS provider (none is configured in this project).
 */
export async function deliverOutbox(connection: Connection, options: { mailer?: Mailer; settings: MailSettings; now?: () => Date; limit?: number }): Promise<DeliveryReport> {
  const now = options.now ?? (() => new Date());
  const mailer = options.mailer ?? mailerFor(options.settings.smtpUrl, options.settings.from);
  const outbox = connection.collection<OutboxRow>("outbox");
  const certificates = storedCertificateModel(connection);
  const report: DeliveryReport = { sent: 0, failed: 0, gaveUp: 0 };
  for (let i = 0; i < (options.limit ?? BATCH); i++) {
    const at = now();
    const due = await outbox.find({ pendingKey: { $ne: null, $lte: `${at.toISOString()}:\uffff` }, channel: "EMAIL" }).sort({ pendingKey: 1 }).limit(1).next();
    if (!due) break;
    // Claim it: its key moves past the claim only if no other sender moved it first.
    const claimed = await outbox.findOneAndUpdate({ _id: due._id, pendingKey: due.pendingKey }, { $set: { pendingKey: dueKey(new Date(at.getTime() + CLAIM_MS), due._id) } }, { returnDocument: "after" });
    if (!claimed) continue;
    const attempts = claimed.attempts ?? [];
    try {
      const attachments = await attachmentsOf(claimed, certificates);
      const messageId = await mailer.send({ to: claimed.to, subject: claimed.subject, text: claimed.body, attachments });
      await outbox.updateOne({ _id: claimed._id }, { $set: { sentAt: now(), pendingKey: null }, $push: { attempts: { at: now(), ok: true, detail: messageId } } });
      report.sent++;
    } catch (error) {
      const pause = RETRY_AFTER_MS[attempts.length];
      const detail = error instanceof Error ? error.message.slice(0, 300) : "error";
      const next = pause === undefined ? { pendingKey: null, failedAt: now() } : { pendingKey: dueKey(new Date(now().getTime() + pause), claimed._id) };
      await outbox.updateOne({ _id: claimed._id }, { $set: next, $push: { attempts: { at: now(), ok: false, detail } } });
      if (pause === undefined) report.gaveUp++;
      else report.failed++;
    }
  }
  return report;
}

async function attachmentsOf(message: OutboxRow, certificates: ReturnType<typeof storedCertificateModel>): Promise<MailAttachment[]> {
  const attachments: MailAttachment[] = [];
  for (const reference of message.attachments ?? []) {
    const stored = await certificates.findById(reference.certificateCode).lean<StoredCertificate>().exec();
    if (!stored) throw new Error(`certificate ${reference.certificateCode} is not kept here`);
    attachments.push({ filename: reference.filename, contentType: "application/pdf", content: pdfBytes(stored) });
  }
  return attachments;
}

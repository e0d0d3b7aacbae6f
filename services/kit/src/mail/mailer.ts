import { createTransport, type Transporter } from "nodemailer";

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface Mailer {
  /** Resolves to the SMTP server's message id once it accepted the message; rejects otherwise. */
  send(message: { to: string; subject: string; text: string; attachments?: readonly MailAttachment[] }): Promise<string>;
}

/**
 * Mail over SMTP (nodemailer): identity's one-time codes, sent at once (a code is only useful in the next
 * minutes), and every subgraph's outbox (kit/mail/outbox.ts), sent with retries.
 */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport: Transporter = createTransport(smtpUrl);
  return {
    async send({ to, subject, text, attachments }) {
      const info = await transport.sendMail({ from, to, subject, text, ...(attachments?.length && { attachments: attachments.map((attachment) => ({ ...attachment })) }) });
      return String(info.messageId);
    },
  };
}

const mailers = new Map<string, Mailer>();
/** One transport per SMTP address and sender in the process. */
export function mailerFor(smtpUrl: string, from: string): Mailer {
  const key = `${smtpUrl} ${from}`;
  const existing = mailers.get(key);
  if (existing) return existing;
  const mailer = smtpMailer(smtpUrl, from);
  mailers.set(key, mailer);
  return mailer;
}

import { createTransport, type Transporter } from "nodemailer";

export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

/**
 * Mail over SMTP (nodemailer). One-time codes are sent at once, not queued: a code is only useful in the
 * next minutes, and a failure is told to the person (UNAVAILABLE) so they can ask again.
 */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport: Transporter = createTransport(smtpUrl);
  return {
    async send({ to, subject, text }) {
      await transport.sendMail({ from, to, subject, text });
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

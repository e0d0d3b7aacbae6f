import { simpleParser } from "mailparser";
import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface CaughtMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  receivedAt: Date;
  attachments: { filename: string | null; contentType: string; size: number }[];
}

export interface MailCatcher {
  smtpPort: number;
  httpUrl: string | null;
  messages(): CaughtMail[];
  /** The next message to `to` (already caught, or the next to arrive), or a rejection after `timeoutMs`. */
  waitFor(to: string, timeoutMs?: number): Promise<CaughtMail>;
  close(): Promise<void>;
}

/** How many messages are kept: the newest; a development stack never needs more. */
const KEEP = 200;

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * A real SMTP server that keeps what it receives — the development stack's mail catcher (`npm start`
 * prints its address) and the tests' peer for every e-mail the graph sends. Loopback only, no auth, no
 * relay: it delivers nothing anywhere.
 */
export async function startMailCatcher(options: { smtpPort?: number; httpPort?: number | null; host?: string } = {}): Promise<MailCatcher> {
  const host = options.host ?? "127.0.0.1";
  const caught: CaughtMail[] = [];
  const waiting: { to: string; resolve: (mail: CaughtMail) => void }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: 15 * 1024 * 1024,
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((address) => address.value.map((entry) => (entry.address ?? "").toLowerCase()));
          const mail: CaughtMail = {
            to,
            from: parsed.from?.text ?? "",
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            receivedAt: new Date(),
            attachments: parsed.attachments.map((attachment) => ({ filename: attachment.filename ?? null, contentType: attachment.contentType, size: attachment.size })),
          };
          caught.push(mail);
          if (caught.length > KEEP) caught.shift();
          for (const waiter of [...waiting]) {
            if (mail.to.includes(waiter.to)) {
              waiting.splice(waiting.indexOf(waiter), 1);
              waiter.resolve(mail);
            }
          }
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(options.smtpPort ?? 0, host, () => resolve());
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  let http: Server | null = null;
  if (options.httpPort !== null && options.httpPort !== undefined) {
    http = createHttpServer((req, res) => {
      if (req.url === "/health") {
        res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
      } else if (req.url === "/messages") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify([...caught].reverse()));
      } else {
        const rows = [...caught].reverse().map((mail) => `<article><h2>${escapeHtml(mail.subject)}</h2><p>Para ${escapeHtml(mail.to.join(", "))} · ${mail.receivedAt.toISOString()}</p><pre>${escapeHtml(mail.text)}</pre></article>`);
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(`<!doctype html><meta charset="utf-8"><title>Correo de desarrollo</title><h1>Correo recibido (${caught.length})</h1>${rows.join("") || "<p>Ningún mensaje todavía.</p>"}`);
      }
    });
    await new Promise<void>((resolve) => http!.listen(options.httpPort ?? 0, host, () => resolve()));
  }
  const httpUrl = http ? `http://${host}:${(http.address() as AddressInfo).port}` : null;

  return {
    smtpPort,
    httpUrl,
    messages: () => [...caught],
    waitFor(to, timeoutMs = 5_000) {
      const address = to.toLowerCase();
      const already = [...caught].reverse().find((mail) => mail.to.includes(address));
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const waiter = { to: address, resolve: (mail: CaughtMail) => (clearTimeout(timer), resolve(mail)) };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(waiter), 1);
          reject(new Error(`No e-mail to ${to} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.push(waiter);
      });
    },
    async close() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      if (http) await new Promise<void>((resolve) => http!.close(() => resolve()));
    },
  };
}

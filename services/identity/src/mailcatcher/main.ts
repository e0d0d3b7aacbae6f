import { startMailCatcher } from "./mail-catcher.js";

// The development stack's mail catcher (npm start, docker compose): SMTP on MAIL_CATCHER_SMTP_PORT,
// what it caught on PORT (HTTP).
const catcher = await startMailCatcher({
  smtpPort: Number(process.env["MAIL_CATCHER_SMTP_PORT"] ?? 1025),
  httpPort: Number(process.env["PORT"] ?? 4091),
  host: process.env["HOST"] ?? "127.0.0.1",
});
console.error(`Mail catcher: SMTP on port ${catcher.smtpPort}, messages at ${catcher.httpUrl}`);
const stop = () => void catcher.close().finally(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);

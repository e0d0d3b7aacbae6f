import { pino, type Logger } from "pino";

export type { Logger };

/** One structured logger per process; requests get a child with their id. */
export function createLogger(service: string, level = process.env["LOG_LEVEL"] ?? "info"): Logger {
  return pino({
    name: service,
    level,
    // Tokens and personal data never reach the logs.
    redact: { paths: ["req.headers.authorization", "*.authorization", "*.password"], censor: "[redactado]" },
  });
}

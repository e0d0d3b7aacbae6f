import { pino, type DestinationStream, type Logger } from "pino";
import { redactText, redactValue } from "./observability/redact.js";
import { activeTraceIds } from "./observability/tracing.js";

export type { Logger };

/**
 * One structured JSON logger per process; requests get a child with their id and the viewer's role.
 * Every line carries the trace and span ids of the request under way (when tracing is on), and goes
 * through redaction (observability/redact.ts): names, document numbers, diagnoses, e-mail, phones,
 * addresses and tokens are replaced, in the fields, the message and any error's message and stack.
 * `destination` is for tests, which read the lines; processes write to standard output.
 */
export function createLogger(service: string, level = process.env["LOG_LEVEL"] ?? "info", destination?: DestinationStream): Logger {
  const options = {
    name: service,
    level,
    mixin: () => activeTraceIds() ?? {},
    formatters: { log: (object: Record<string, unknown>) => redactValue(object) as Record<string, unknown> },
    serializers: { err: (error: unknown) => redactValue(error) },
    hooks: {
      // The message, and any text interpolated into it.
      logMethod(this: Logger, args: unknown[], method: (...args: unknown[]) => void) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === "string" ? redactText(arg) : arg)),
        );
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

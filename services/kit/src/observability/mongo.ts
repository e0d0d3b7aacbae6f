import { SpanStatusCode, type Span } from "@opentelemetry/api";
import type { Connection } from "mongoose";
import { processMetrics } from "./metrics.js";
import { startClientSpan } from "./tracing.js";

/** What the driver's command monitoring events carry that we read (never the command itself: it holds data). */
interface CommandEvent {
  requestId: number;
  connectionId?: string | number;
  commandName: string;
  databaseName?: string;
  duration?: number;
}

interface StartedEvent extends CommandEvent {
  command: Record<string, unknown>;
}

/** Commands the driver sends for itself: not the application's work. */
const HOUSEKEEPING = new Set(["hello", "ismaster", "isMaster", "ping", "saslStart", "saslContinue", "endSessions", "killCursors"]);

/**
 * Watches one connection's driver: every database command's latency and outcome (a histogram), the pool's
 * open and busy connections (gauges), and a span per command under the request's span when tracing is on.
 * Spans carry the database, collection and command name only: a filter or a document holds personal data.
 * The connection must be opened with monitorCommands (connectDatabase does).
 */
export function instrumentConnection(connection: Connection, database: string): void {
  const client = connection.getClient();
  const { mongoCommand, mongoPool } = processMetrics();
  const inFlight = new Map<string, Span>();
  const keyOf = (event: CommandEvent) => `${event.connectionId ?? ""}:${event.requestId}`;

  client.on("commandStarted", (event: StartedEvent) => {
    if (HOUSEKEEPING.has(event.commandName)) return;
    const collection = event.command[event.commandName];
    inFlight.set(
      keyOf(event),
      startClientSpan(`mongodb.${event.commandName}`, {
        "db.system.name": "mongodb",
        "db.namespace": event.databaseName ?? database,
        "db.operation.name": event.commandName,
        ...(typeof collection === "string" && { "db.collection.name": collection }),
      }),
    );
  });
  const finished = (outcome: "ok" | "failed") => (event: CommandEvent) => {
    if (HOUSEKEEPING.has(event.commandName)) return;
    mongoCommand.observe({ database: event.databaseName ?? database, command: event.commandName, outcome }, (event.duration ?? 0) / 1000);
    const span = inFlight.get(keyOf(event));
    if (!span) return;
    inFlight.delete(keyOf(event));
    if (outcome === "failed") span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  client.on("commandSucceeded", finished("ok"));
  client.on("commandFailed", finished("failed"));

  const pool = (state: "open" | "in_use", change: 1 | -1) => () => mongoPool.inc({ database, state }, change);
  client.on("connectionCreated", pool("open", 1));
  client.on("connectionClosed", pool("open", -1));
  client.on("connectionCheckedOut", pool("in_use", 1));
  client.on("connectionCheckedIn", pool("in_use", -1));
}

// What a client is told when something fails below a resolver: the database out of reach is UNAVAILABLE
// (try again), anything unforeseen is INTERNAL, and neither carries the driver's message.
import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { createErrorFormatter, isDatabaseUnreachable } from "../src/graphql/apollo.js";
import { createLogger } from "../src/logger.js";

const named = (name: string, message: string, cause?: unknown): Error => Object.assign(new Error(message, { cause }), { name });
const format = createErrorFormatter(createLogger("test", "silent"));
const asResolverError = (error: Error) => new GraphQLError(error.message, { path: ["me", "pqrs"], originalError: error });

describe("errors from the database driver", () => {
  it("are UNAVAILABLE, at their path, when the server cannot be reached", () => {
    for (const error of [
      named("MongoServerSelectionError", "connect ECONNREFUSED 127.0.0.1:27017"),
      named("MongoNetworkError", "connection 4 to 127.0.0.1:27017 closed"),
      named("MongoBulkWriteError", "connect ECONNREFUSED 127.0.0.1:27017"),
      named("Error", "write failed", named("MongoNotConnectedError", "client must be connected")),
      // What the driver threw once in the reliability suite while the server stopped mid-command.
      Object.assign(new Error("This socket has been ended by the other party"), { code: "EPIPE" }),
      // A replica set electing a new primary, a server shutting down.
      Object.assign(named("MongoServerError", "not primary"), { code: 10107 }),
      Object.assign(named("MongoServerError", "interrupted at shutdown"), { code: 11600 }),
    ]) {
      const formatted = format({ message: error.message, path: ["me", "pqrs"] }, asResolverError(error));
      expect(formatted).toMatchObject({ path: ["me", "pqrs"], extensions: { code: "UNAVAILABLE" } });
      expect(formatted.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|Mongo/);
    }
  });

  it("stay INTERNAL for anything else, a duplicate key included", () => {
    for (const error of [Object.assign(named("MongoServerError", "E11000 duplicate key error"), { code: 11000 }), new TypeError("x is undefined")]) {
      expect(isDatabaseUnreachable(error)).toBe(false);
      expect(format({ message: error.message }, asResolverError(error)).extensions?.["code"]).toBe("INTERNAL");
    }
  });
});

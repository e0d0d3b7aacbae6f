import { randomBytes } from "node:crypto";

/** A new document id: 24 hex digits, the shape of an ObjectId, as a string (ids travel as GraphQL IDs). */
export const newId = (): string => randomBytes(12).toString("hex");

/** A write refused by a unique index (E11000): the guard that makes duplicates and retries safe. */
export const isDuplicateKeyError = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 11000;

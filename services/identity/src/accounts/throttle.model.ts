import { createHash } from "node:crypto";
import { Schema, type Connection, type Model } from "mongoose";

/**
 * Failed sign-ins by user name, whether or not an account has that name — so the lockout itself reveals
 * nothing about who has an account. Keyed by a hash: the collection holds no e-mail addresses.
 */
export interface ThrottleDoc {
  _id: string;
  failures: number;
  lockedUntil: Date | null;
}

const throttleSchema = new Schema<ThrottleDoc>(
  { _id: String, failures: { type: Number, default: 0 }, lockedUntil: { type: Date, default: null } },
  { collection: "sign_in_throttle", versionKey: false },
);

export type ThrottleModel = Model<ThrottleDoc>;
export const throttleModel = (connection: Connection): ThrottleModel => connection.models["SignInThrottle"] ?? connection.model<ThrottleDoc>("SignInThrottle", throttleSchema);

/** The failure that first locks the name (for a minute); each one after doubles the wait, up to an hour. */
export const LOCK_AFTER_FAILURES = 5;
const MAX_LOCK_MS = 60 * 60_000;

export const throttleKey = (kind: string, name: string): string => createHash("sha256").update(`${kind}:${name}`).digest("hex");

/** Until when the name is locked, or null. */
export async function lockedUntil(throttle: ThrottleModel, key: string, now = new Date()): Promise<Date | null> {
  const entry = await throttle.findById(key).lean<ThrottleDoc>().exec();
  return entry?.lockedUntil && entry.lockedUntil > now ? entry.lockedUntil : null;
}

/** Counts a failure (atomically) and, from the fifth, locks the name for 1, 2, 4 … 60 minutes. */
export async function recordFailure(throttle: ThrottleModel, key: string, now = new Date()): Promise<void> {
  const entry = await throttle.findOneAndUpdate({ _id: key }, { $inc: { failures: 1 } }, { upsert: true, returnDocument: "after" }).lean<ThrottleDoc>().exec();
  const over = entry.failures - LOCK_AFTER_FAILURES;
  if (over >= 0) {
    const lockMs = Math.min(MAX_LOCK_MS, 60_000 * 2 ** Math.min(over, 10));
    await throttle.updateOne({ _id: key }, { $set: { lockedUntil: new Date(now.getTime() + lockMs) } }).exec();
  }
}

export const clearFailures = (throttle: ThrottleModel, key: string): Promise<unknown> => throttle.deleteOne({ _id: key }).exec();

import { createHash } from "node:crypto";
import { Schema, type Connection, type Model } from "mongoose";
import { isDuplicateKeyError } from "@sos/kit";

/**
 * Attempts by name (a user name, a client id, an account's codes), whether or not an account has that
 * name — so a refusal reveals nothing about who has an account. Keyed by a hash: no e-mail is stored.
 * One attempt at a time per name (a claim), so a burst of parallel guesses cannot outrun the count.
 */
export interface ThrottleDoc {
  _id: string;
  failures: number;
  lockedUntil: Date | null;
  /** While an attempt is being checked: until when its claim holds (a crashed attempt frees it then). */
  claimedUntil: Date | null;
  lastAttemptAt: Date;
}

const throttleSchema = new Schema<ThrottleDoc>(
  { _id: String, failures: { type: Number, default: 0 }, lockedUntil: { type: Date, default: null }, claimedUntil: { type: Date, default: null }, lastAttemptAt: { type: Date, required: true } },
  { collection: "sign_in_throttle", versionKey: false },
);
// A name left alone for a day is forgotten (MongoDB's TTL monitor): the collection does not grow forever.
throttleSchema.index({ lastAttemptAt: 1 }, { expireAfterSeconds: 24 * 3600 });

export type ThrottleModel = Model<ThrottleDoc>;
export const throttleModel = (connection: Connection): ThrottleModel => connection.models["SignInThrottle"] ?? connection.model<ThrottleDoc>("SignInThrottle", throttleSchema);

/** The failure that first locks the name (for a minute); each one after doubles the wait, up to an hour. */
export const LOCK_AFTER_FAILURES = 5;
const MAX_LOCK_MS = 60 * 60_000;
/** How long one attempt may take before its claim lapses (an Argon2 check takes well under a second). */
const CLAIM_MS = 30_000;

export const throttleKey = (kind: string, name: string): string => createHash("sha256").update(`${kind}:${name}`).digest("hex");

export type Claim = { ok: true } | { ok: false; until: Date };

/**
 * Claims the right to one attempt: refused while the name is locked or another attempt of it is being
 * checked. The claim is one conditional write (an upsert that the unique _id refuses when the name is
 * locked or busy), so parallel attempts cannot both pass.
 */
export async function claimAttempt(throttle: ThrottleModel, key: string, now = new Date()): Promise<Claim> {
  try {
    await throttle.updateOne(
      { _id: key, lockedUntil: { $not: { $gt: now } }, claimedUntil: { $not: { $gt: now } } },
      { $set: { claimedUntil: new Date(now.getTime() + CLAIM_MS), lastAttemptAt: now }, $setOnInsert: { failures: 0, lockedUntil: null } },
      { upsert: true },
    );
    return { ok: true };
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const entry = await throttle.findById(key).lean<ThrottleDoc>().exec();
    const until = entry?.lockedUntil && entry.lockedUntil > now ? entry.lockedUntil : (entry?.claimedUntil ?? new Date(now.getTime() + 1000));
    return { ok: false, until };
  }
}

/** The claimed attempt failed: one more failure, and from the fifth a lock of 1, 2, 4 … 60 minutes. */
export async function recordFailure(throttle: ThrottleModel, key: string, now = new Date()): Promise<void> {
  const entry = await throttle
    .findOneAndUpdate({ _id: key }, { $inc: { failures: 1 }, $set: { claimedUntil: null, lastAttemptAt: now } }, { upsert: true, returnDocument: "after" })
    .lean<ThrottleDoc>()
    .exec();
  const over = entry.failures - LOCK_AFTER_FAILURES;
  if (over >= 0) await throttle.updateOne({ _id: key }, { $set: { lockedUntil: new Date(now.getTime() + Math.min(MAX_LOCK_MS, 60_000 * 2 ** Math.min(over, 10))) } }).exec();
}

/** The claimed attempt succeeded: the name starts afresh. */
export const clearFailures = (throttle: ThrottleModel, key: string): Promise<unknown> => throttle.deleteOne({ _id: key }).exec();

/** Until when the name is locked, or null (for counting other things than attempts, e.g. codes sent). */
export async function lockedUntil(throttle: ThrottleModel, key: string, now = new Date()): Promise<Date | null> {
  const entry = await throttle.findById(key).lean<ThrottleDoc>().exec();
  return entry?.lockedUntil && entry.lockedUntil > now ? entry.lockedUntil : null;
}

import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { Schema, type Connection, type Model } from "mongoose";
import type { Profile } from "./account.model.js";

export const CodePurpose = { CONFIRMAR_CORREO: "CONFIRMAR_CORREO", RESTABLECER: "RESTABLECER" } as const;
export type CodePurpose = (typeof CodePurpose)[keyof typeof CodePurpose];

/** A one-time code sent by e-mail; only its hash is kept. One live code per account and purpose. */
export interface CodeDoc {
  /** `<accountId>:<purpose>`: a new code replaces the previous one. */
  _id: string;
  codeHash: string;
  /**
   * What the code confirms, bound to it: a registration's password hash. Confirming needs the code *and*
   * that password, so a code from someone else's registration of the same person activates nothing.
   */
  passwordHash: string | null;
  /** The profile the confirmation adds to the account (an employer's contact registering the employer). */
  profile?: Profile | null;
  expiresAt: Date;
  /** Guesses so far, counted before each is checked; at MAX_CODE_ATTEMPTS the code is dead. */
  attempts: number;
}

const codeSchema = new Schema<CodeDoc>(
  {
    _id: String,
    codeHash: { type: String, required: true },
    passwordHash: { type: String, default: null },
    profile: { type: { _id: false, role: String, memberId: String, employerNit: String }, default: null },
    expiresAt: { type: Date, required: true },
    attempts: { type: Number, default: 0 },
  },
  { collection: "one_time_codes", versionKey: false, writeConcern: { w: "majority", j: true } },
);
// Expired codes are removed by the server (MongoDB's TTL monitor); the code also checks expiry itself.
codeSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type CodeModel = Model<CodeDoc>;
export const codeModel = (connection: Connection): CodeModel => connection.models["OneTimeCode"] ?? connection.model<CodeDoc>("OneTimeCode", codeSchema);

/** Six digits: a million possibilities, five guesses per code. */
export const MAX_CODE_ATTEMPTS = 5;
const hashCode = (code: string): string => createHash("sha256").update(code).digest("hex");

/** A new code for the account and purpose (replacing any earlier one); returns the code to send. */
export async function issueCode(codes: CodeModel, accountId: string, purpose: CodePurpose, minutes: number, now = new Date(), bound: { passwordHash?: string | null; profile?: Profile | null } = {}): Promise<string> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await codes.replaceOne(
    { _id: `${accountId}:${purpose}` },
    { codeHash: hashCode(code), passwordHash: bound.passwordHash ?? null, profile: bound.profile ?? null, expiresAt: new Date(now.getTime() + minutes * 60_000), attempts: 0 },
    { upsert: true },
  );
  return code;
}

/**
 * Spends the code if it matches (it works once) and returns what it was bound to; null otherwise. Each
 * guess first takes one attempt atomically — parallel guesses each count — and only then is compared.
 */
export async function redeemCode(codes: CodeModel, accountId: string, purpose: CodePurpose, code: string, now = new Date()): Promise<{ passwordHash: string | null; profile: Profile | null } | null> {
  const id = `${accountId}:${purpose}`;
  const live = await codes
    .findOneAndUpdate({ _id: id, expiresAt: { $gt: now }, attempts: { $lt: MAX_CODE_ATTEMPTS } }, { $inc: { attempts: 1 } }, { returnDocument: "after" })
    .lean<CodeDoc>()
    .exec();
  if (!live) return null;
  const given = Buffer.from(hashCode(code));
  if (given.length !== live.codeHash.length || !timingSafeEqual(given, Buffer.from(live.codeHash))) return null;
  const spent = await codes.deleteOne({ _id: id, codeHash: live.codeHash }).exec();
  return spent.deletedCount === 1 ? { passwordHash: live.passwordHash, profile: live.profile ?? null } : null;
}

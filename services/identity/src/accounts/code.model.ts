import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { Schema, type Connection, type Model } from "mongoose";

export const CodePurpose = { CONFIRMAR_CORREO: "CONFIRMAR_CORREO", RESTABLECER: "RESTABLECER" } as const;
export type CodePurpose = (typeof CodePurpose)[keyof typeof CodePurpose];

/** A one-time code sent by e-mail; only its hash is kept. One live code per account and purpose. */
export interface CodeDoc {
  /** `<accountId>:<purpose>`: a new code replaces the previous one. */
  _id: string;
  codeHash: string;
  expiresAt: Date;
  /** Wrong guesses so far; at MAX_CODE_ATTEMPTS the code is dead. */
  attempts: number;
}

const codeSchema = new Schema<CodeDoc>(
  {
    _id: String,
    codeHash: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    attempts: { type: Number, default: 0 },
  },
  { collection: "one_time_codes", versionKey: false, writeConcern: { w: "majority", j: true } },
);

export type CodeModel = Model<CodeDoc>;
export const codeModel = (connection: Connection): CodeModel => connection.models["OneTimeCode"] ?? connection.model<CodeDoc>("OneTimeCode", codeSchema);

/** Six digits: a million possibilities, five guesses. */
export const MAX_CODE_ATTEMPTS = 5;
const hashCode = (code: string): string => createHash("sha256").update(code).digest("hex");

/** A new code for the account and purpose (replacing any earlier one); returns the code to send. */
export async function issueCode(codes: CodeModel, accountId: string, purpose: CodePurpose, minutes: number, now = new Date()): Promise<string> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await codes.replaceOne({ _id: `${accountId}:${purpose}` }, { codeHash: hashCode(code), expiresAt: new Date(now.getTime() + minutes * 60_000), attempts: 0 }, { upsert: true });
  return code;
}

/**
 * Spends the code if it matches (it works once); a wrong guess counts against it. Each guess is one
 * atomic update guarded by the attempts seen, so parallel guesses cannot exceed the limit.
 */
export async function redeemCode(codes: CodeModel, accountId: string, purpose: CodePurpose, code: string, now = new Date()): Promise<boolean> {
  const id = `${accountId}:${purpose}`;
  const live = await codes.findOne({ _id: id, expiresAt: { $gt: now }, attempts: { $lt: MAX_CODE_ATTEMPTS } }).lean<CodeDoc>().exec();
  if (!live) return false;
  const given = Buffer.from(hashCode(code));
  if (given.length === live.codeHash.length && timingSafeEqual(given, Buffer.from(live.codeHash))) {
    return (await codes.deleteOne({ _id: id, codeHash: live.codeHash }).exec()).deletedCount === 1;
  }
  await codes.updateOne({ _id: id, attempts: live.attempts }, { $inc: { attempts: 1 } }).exec();
  return false;
}

import { Schema, type Connection, type Model } from "mongoose";
import type { Profile } from "../accounts/account.model.js";

/**
 * A refresh token, kept only as its hash. Each use spends it and issues the next one of the same family
 * (rotation); a spent token presented again means it was copied, and the whole family is revoked.
 */
export interface RefreshTokenDoc {
  /** SHA-256 of the token. */
  _id: string;
  familyId: string;
  accountId: string;
  /** The profile the session acts as. */
  profile: Profile;
  issuedAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

const refreshTokenSchema = new Schema<RefreshTokenDoc>(
  {
    _id: String,
    familyId: { type: String, required: true },
    accountId: { type: String, required: true },
    profile: { _id: false, role: String, memberId: { type: String, default: null }, employerNit: { type: String, default: null } },
    issuedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
  },
  { collection: "refresh_tokens", versionKey: false, writeConcern: { w: "majority", j: true } },
);
// Revoking a family (logout, reuse) and every session of an account (password reset).
refreshTokenSchema.index({ familyId: 1 });
refreshTokenSchema.index({ accountId: 1 });
// Expired tokens are removed by the server (MongoDB's TTL monitor): a refresh checks expiry itself too.
refreshTokenSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type RefreshTokenModel = Model<RefreshTokenDoc>;
export const refreshTokenModel = (connection: Connection): RefreshTokenModel =>
  connection.models["RefreshToken"] ?? connection.model<RefreshTokenDoc>("RefreshToken", refreshTokenSchema);

import type { JWK } from "jose";
import { Schema, type Connection, type Model } from "mongoose";

/**
 * A token signing key. It is published (in the JWKS) from its creation until `publishedUntil`, and signs
 * from `signsFrom` until `signsUntil`: the next key is published an hour before it signs, so verifiers
 * know it before its first token, and a retired key stays published while its tokens may still be used.
 */
export interface SigningKeyDoc {
  /** The key id (`kid`): the JWK thumbprint of the public key. */
  _id: string;
  privateKeyPem: string;
  publicJwk: JWK;
  createdAt: Date;
  signsFrom: Date;
  signsUntil: Date;
  publishedUntil: Date;
}

const signingKeySchema = new Schema<SigningKeyDoc>(
  {
    _id: String,
    privateKeyPem: { type: String, required: true },
    publicJwk: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    signsFrom: { type: Date, required: true },
    signsUntil: { type: Date, required: true },
    publishedUntil: { type: Date, required: true },
  },
  { collection: "signing_keys", versionKey: false, writeConcern: { w: "majority", j: true } },
);
// The key set and the current key: keys still published, newest first (read backwards).
signingKeySchema.index({ publishedUntil: 1 });

export type SigningKeyModel = Model<SigningKeyDoc>;
export const signingKeyModel = (connection: Connection): SigningKeyModel =>
  connection.models["SigningKey"] ?? connection.model<SigningKeyDoc>("SigningKey", signingKeySchema);

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { Schema, type Connection, type Model } from "mongoose";

/**
 * A partner clinic's machine client (OAuth 2 client credentials), scoped to one IPS. Secrets are random
 * (256 bits), so a fast hash is enough to keep them unreadable at rest; after a rotation the previous
 * secret works for a grace period, so the clinic can deploy the new one without an outage.
 */
export interface IpsClientDoc {
  /** The client id: "ips-<habilitation code>-<random>". */
  _id: string;
  ipsCode: string;
  name: string;
  secretHash: string;
  previousSecretHash: string | null;
  previousValidUntil: Date | null;
  createdAt: Date;
  createdBy: string;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

const ipsClientSchema = new Schema<IpsClientDoc>(
  {
    _id: String,
    ipsCode: { type: String, required: true },
    name: { type: String, required: true },
    secretHash: { type: String, required: true },
    previousSecretHash: { type: String, default: null },
    previousValidUntil: { type: Date, default: null },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
    rotatedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
  },
  { collection: "ips_clients", versionKey: false, writeConcern: { w: "majority", j: true } },
);
ipsClientSchema.index({ ipsCode: 1 });

export type IpsClientModel = Model<IpsClientDoc>;
export const ipsClientModel = (connection: Connection): IpsClientModel =>
  connection.models["IpsClient"] ?? connection.model<IpsClientDoc>("IpsClient", ipsClientSchema);

/** How long a rotated-out secret keeps working. */
export const ROTATION_GRACE_MS = 60 * 60_000;

export const newSecret = (): string => randomBytes(32).toString("base64url");
export const hashSecret = (secret: string): string => createHash("sha256").update(secret).digest("hex");

const sameHash = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Does `secret` open this client now (its current secret, or the previous one within the grace period)? */
export function secretMatches(client: IpsClientDoc, secret: string, now = new Date()): boolean {
  if (client.revokedAt) return false;
  const given = hashSecret(secret);
  if (sameHash(given, client.secretHash)) return true;
  return !!client.previousSecretHash && !!client.previousValidUntil && client.previousValidUntil > now && sameHash(given, client.previousSecretHash);
}

import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { Schema, type Connection, type Model } from "mongoose";
import { ConfigError, isProduction } from "../config.js";

/**
 * The register of issued certificates: one entry per certificate, whoever issued it, in the same
 * database as the access ledger (the audit subgraph's), where anyone can check a code through the graph.
 * An entry holds what verification may tell — type, the holder's initials, what it certifies, when it
 * was issued and until when it holds — never the member's data; its signature, over all of that and the
 * hash of the PDF, makes an edited entry or a made-up code detectable.
 */
export interface CertificateRegisterEntry {
  /** The verification code printed on the certificate. */
  _id: string;
  type: string;
  /** The subgraph that issued it and serves its PDF. */
  issuer: string;
  holderInitials: string;
  /** What it certifies, in words that reveal no health data ("Afiliado ACTIVO al régimen CONTRIBUTIVO"). */
  certifies: string;
  issuedAt: Date;
  validUntil: string | null;
  /** SHA-256 of the PDF as issued. */
  contentHash: string;
  signature: string;
}

const registerSchema = new Schema<CertificateRegisterEntry>(
  {
    _id: String,
    type: { type: String, required: true },
    issuer: { type: String, required: true },
    holderInitials: { type: String, required: true },
    certifies: { type: String, required: true },
    issuedAt: { type: Date, required: true },
    validUntil: { type: String, default: null },
    contentHash: { type: String, required: true },
    signature: { type: String, required: true },
  },
  { collection: "certificate_register", versionKey: false, writeConcern: { w: "majority", j: true } },
);

export type CertificateRegisterModel = Model<CertificateRegisterEntry>;

/** The register over `connection`, which must be the ledger database (ledgerConnection). */
export const certificateRegisterModel = (connection: Connection): CertificateRegisterModel =>
  (connection.models["CertificateRegisterEntry"] as CertificateRegisterModel | undefined) ?? connection.model<CertificateRegisterEntry>("CertificateRegisterEntry", registerSchema);

const DEV_KEY = "dev-document-signing-key-not-for-production";

/**
 * DOCUMENT_SIGNING_KEY: signs register entries and download links. Every issuing subgraph and the audit
 * subgraph share it; in production it must be set (a published development key would let anyone forge).
 */
export function documentSigningKey(env: NodeJS.ProcessEnv): string {
  const key = env["DOCUMENT_SIGNING_KEY"]?.trim();
  if (key) {
    if (key.length < 32) throw new ConfigError("DOCUMENT_SIGNING_KEY must be at least 32 characters.");
    return key;
  }
  if (isProduction(env)) throw new ConfigError("DOCUMENT_SIGNING_KEY is required in production: it signs certificates and their download links.");
  return DEV_KEY;
}

export const sha256 = (content: Buffer | string): string => createHash("sha256").update(content).digest("hex");

/**
 * What a signature is for: a register entry, a certificate's download link, a support document's upload
 * link (kit/uploads, PUT) or its download link (GET). Each its own key, so no link works as another kind.
 */
export type SigningUse = "register" | "download" | "upload" | "upload-download";

/**
 * One secret, one key per use: a register entry's signature and a download link's are made with keys
 * derived for each (HMAC of the use's name), so a signature of one kind is never valid as the other.
 */
const hmac = (key: string, use: SigningUse, parts: readonly (string | null)[]): string =>
  createHmac("sha256", createHmac("sha256", key).update(use).digest()).update(JSON.stringify(parts)).digest("base64url");

const sameSignature = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

const entryParts = (entry: Omit<CertificateRegisterEntry, "signature">): (string | null)[] => [
  entry._id,
  entry.type,
  entry.issuer,
  entry.holderInitials,
  entry.certifies,
  entry.issuedAt.toISOString(),
  entry.validUntil,
  entry.contentHash,
];

export const signEntry = (key: string, entry: Omit<CertificateRegisterEntry, "signature">): string => hmac(key, "register", entryParts(entry));

/** Whether an entry is as its issuer signed it (a field edited after issue breaks the signature). */
export const entryIsGenuine = (key: string, entry: CertificateRegisterEntry): boolean => sameSignature(signEntry(key, entry), entry.signature);

/** A link's signature for one use: this id, until this instant, nothing else. */
export const signLink = (key: string, use: Exclude<SigningUse, "register">, id: string, expires: number): string => hmac(key, use, [id, String(expires)]);

/** A link this service signed for this use and id, not yet expired, and never one claiming to outlast `lifetimeMs`. */
export function linkIsGenuine(key: string, use: Exclude<SigningUse, "register">, id: string, expires: number, signature: string, lifetimeMs: number, now = Date.now()): boolean {
  return Number.isSafeInteger(expires) && expires > now && expires <= now + lifetimeMs && sameSignature(signLink(key, use, id, expires), signature);
}

/** A download link's signature: this document, until this instant, nothing else. */
export const signDownload = (key: string, code: string, expires: number): string => signLink(key, "download", code, expires);

/** How long a download link works. */
export const DOWNLOAD_LINK_MS = 5 * 60_000;

/** A link this service signed, for this code, not yet expired (and never one that claims to last longer than links do). */
export function downloadIsGenuine(key: string, code: string, expires: number, signature: string, now = Date.now()): boolean {
  return linkIsGenuine(key, "download", code, expires, signature, DOWNLOAD_LINK_MS, now);
}

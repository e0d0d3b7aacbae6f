import { randomInt } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Schema, type Connection, type Model } from "mongoose";
import { todayInColombia } from "../graphql/scalars.js";
import { sendJson, type RouteHandler } from "../http/index.js";
import { isDuplicateKeyError } from "../mongo/ids.js";
import { renderCertificatePdf, type CertificateContent } from "./certificate-pdf.js";
import { DOWNLOAD_LINK_MS, downloadIsGenuine, sha256, signDownload, signEntry, type CertificateRegisterModel } from "./register.js";

/** A certificate as its issuer keeps it: the PDF as issued, for the member it is about. */
export interface StoredCertificate {
  _id: string;
  memberId: string;
  type: string;
  pdf: Buffer;
  issuedAt: Date;
  validUntil: string | null;
  /** "<requester>:<client key>" when the client gave one (a retry answers the same certificate), else the code. */
  idempotencyKey: string;
}

const storedSchema = new Schema<StoredCertificate>(
  {
    _id: String,
    memberId: { type: String, required: true },
    type: { type: String, required: true },
    pdf: { type: Buffer, required: true },
    issuedAt: { type: Date, required: true },
    validUntil: { type: String, default: null },
    idempotencyKey: { type: String, required: true },
  },
  { collection: "certificates", versionKey: false, writeConcern: { w: "majority", j: true } },
);
storedSchema.index({ memberId: 1, issuedAt: -1 });
storedSchema.index({ idempotencyKey: 1 }, { unique: true });

export const storedCertificateModel = (connection: Connection): Model<StoredCertificate> =>
  (connection.models["StoredCertificate"] as Model<StoredCertificate> | undefined) ?? connection.model<StoredCertificate>("StoredCertificate", storedSchema);

/** A stored certificate's PDF as a Buffer (a lean read gives the driver's Binary, not a Buffer). */
export function pdfBytes(stored: StoredCertificate): Buffer {
  const raw = stored.pdf as Buffer | { buffer: Uint8Array };
  return Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer);
}

/** What a subgraph gives to issue one certificate about a member. */
export interface CertificateRequest {
  /** AFILIACION_PBS, PAZ_Y_SALVO_PBS, …: the register's type. */
  type: string;
  memberId: string;
  /** What verification tells anyone: no health data. */
  certifies: string;
  validUntil: string | null;
  content: Omit<CertificateContent, "code" | "verifyUrl" | "issuedAt" | "validUntil">;
  /** The client's key for this request (with who asked): a retry with the same key answers the same certificate. */
  idempotency?: { requester: string; key: string | null | undefined };
}

export interface IssuedCertificate {
  code: string;
  type: string;
  issuedAt: Date;
  validUntil: string | null;
  /** The PDF, at the graph's own origin, for a few minutes only (a path: the origin is the client's). */
  downloadPath: string;
  downloadExpiresAt: Date;
  /** When sent by e-mail: the address, masked. */
  emailedTo?: string | null;
  /** Answered to a retry (the same idempotency key): nothing was issued or sent again. Not in the graph. */
  replayed?: boolean;
}

export interface CertificateIssuer {
  issue(request: CertificateRequest): Promise<IssuedCertificate>;
}

// Crockford's base32 (no I, L, O or U, which people misread): 15 symbols of 32, 75 bits.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const newCode = (): string => `SOS-${[0, 1, 2].map(() => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("")).join("-")}`;

const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${word[0]?.toLocaleUpperCase("es-CO")}.`)
    .join(" ");

export interface IssuerOptions {
  /** The issuing subgraph: the register names it, and the gateway's /documents/<issuer> reaches its PDFs. */
  issuer: string;
  stored: Model<StoredCertificate>;
  register: CertificateRegisterModel;
  key: string;
  /** Where anyone verifies a code (printed, and in the QR code). */
  verifyUrl: (code: string) => string;
}

/**
 * Issues certificates: renders the PDF, keeps it, then enters it in the register with its signature.
 * The register comes last: a PDF whose entry failed is never handed out, so no certificate exists that
 * does not verify.
 */
export function certificateIssuer(options: IssuerOptions): CertificateIssuer {
  const answer = (stored: Pick<StoredCertificate, "_id" | "type" | "issuedAt" | "validUntil">): IssuedCertificate => ({
    code: stored._id,
    type: stored.type,
    issuedAt: stored.issuedAt,
    validUntil: stored.validUntil,
    ...downloadLink(options, stored._id),
  });
  const earlier = async (key: string): Promise<IssuedCertificate | null> => {
    const found = await options.stored.findOne({ idempotencyKey: key }, { pdf: 0 }).lean<StoredCertificate>().exec();
    return found ? { ...answer(found), replayed: true } : null;
  };
  return {
    async issue(request) {
      // A retry is the same day's: the same key tomorrow asks for tomorrow's figures.
      const clientKey = request.idempotency?.key ? `${request.type}:${request.memberId}:${request.idempotency.requester}:${todayInColombia()}:${request.idempotency.key}` : null;
      if (clientKey) {
        // A retry: the certificate already issued, with a fresh link.
        const already = await earlier(clientKey);
        if (already) return already;
      }
      const code = newCode();
      const issuedAt = new Date();
      const pdf = await renderCertificatePdf({ ...request.content, code, verifyUrl: options.verifyUrl(code), issuedAt, validUntil: request.validUntil });
      try {
        await options.stored.create({ _id: code, memberId: request.memberId, type: request.type, pdf, issuedAt, validUntil: request.validUntil, idempotencyKey: clientKey ?? code });
      } catch (error) {
        // The same key sent twice at once: the other request issued it.
        const already = clientKey && isDuplicateKeyError(error) ? await earlier(clientKey) : null;
        if (already) return already;
        throw error;
      }
      const entry = {
        _id: code,
        type: request.type,
        issuer: options.issuer,
        holderInitials: initials(request.content.holder.name),
        certifies: request.certifies,
        issuedAt,
        validUntil: request.validUntil,
        contentHash: sha256(pdf),
      };
      try {
        await options.register.create({ ...entry, signature: signEntry(options.key, entry) });
      } catch (error) {
        // Never handed out: the kept PDF (the member's name and document) goes too. A crash right here
        // leaves it behind, unreferenced and never served (its code is not in the register).
        await options.stored.deleteOne({ _id: code }).catch(() => undefined);
        throw error;
      }
      return answer({ _id: code, type: request.type, issuedAt, validUntil: request.validUntil });
    },
  };
}

function downloadLink(options: Pick<IssuerOptions, "issuer" | "key">, code: string): { downloadPath: string; downloadExpiresAt: Date } {
  const expires = Date.now() + DOWNLOAD_LINK_MS;
  const query = new URLSearchParams({ code, expires: String(expires), signature: signDownload(options.key, code, expires) });
  return { downloadPath: `/documents/${options.issuer}?${query}`, downloadExpiresAt: new Date(expires) };
}

/**
 * GET /documents?code=…&expires=…&signature=…: the PDF of a link this subgraph signed, while it lasts.
 * No token: the link is the permission, for that document and a few minutes; anything else is 404, so a
 * link cannot be turned into a probe of which codes exist.
 */
export function documentRoute(options: Pick<IssuerOptions, "stored" | "key">): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const code = url.searchParams.get("code") ?? "";
    const expires = Number(url.searchParams.get("expires"));
    const signature = url.searchParams.get("signature") ?? "";
    const stored = downloadIsGenuine(options.key, code, expires, signature) ? await options.stored.findById(code).lean<StoredCertificate>().exec() : null;
    if (!stored) {
      sendJson(res, 404, { error: "not_found", message: "El enlace no existe o ya venció: pida el certificado de nuevo." });
      return;
    }
    const pdf = pdfBytes(stored);
    res.writeHead(200, {
      "content-type": "application/pdf",
      "content-length": String(pdf.length),
      "content-disposition": `attachment; filename="${stored.type.toLowerCase()}-${code}.pdf"`,
      "cache-control": "private, no-store",
    });
    res.end(pdf);
  };
}

import type { Connection as MongoConnection } from "mongoose";
import { badUserInput, conflict } from "../errors.js";
import { signLink } from "../documents/register.js";
import type { Connection, PageArgs } from "../graphql/pagination.js";
import { findPage } from "../mongo/paginate.js";
import { checkUploads, referenceUploads, releaseUploads, type ReferenceOptions } from "./reference.js";
import type { SupportContentType } from "./sniff.js";
import { documentTypeOf, type SupportDocumentType } from "./upload.type.js";
import { MAX_UPLOAD_BYTES, UploadState, newUploadId, uploadModel, type UploadDoc } from "./upload.model.js";

/** How long an upload link works. */
export const UPLOAD_LINK_MS = 10 * 60_000;
/** How long a support document's download link works. */
export const UPLOAD_DOWNLOAD_LINK_MS = 5 * 60_000;
/**
 * Unreferenced uploads one requester may have waiting for one member at once: bounds what tickets can
 * fill the database with, and a clinic asking for many tickets blocks only itself.
 */
export const MAX_WAITING_UPLOADS = 20;
/** An unused ticket stops counting soon after its link dies; a stored document waits a day (UPLOAD_TTL_MS). */
export const TICKET_TTL_MS = UPLOAD_LINK_MS + 5 * 60_000;

export interface TicketRequest {
  memberId: string;
  /** The token subject of whoever asks. */
  requestedBy: string;
  purpose: string;
  contentType: SupportContentType;
  /** The size of the file to send, in bytes (1 to 10 MB): more than this is refused. */
  size: number;
}

export interface UploadTicketView {
  uploadId: string;
  /** PUT the file's bytes here, at the gateway's origin: `/uploads/<subgraph>?id=…&expires=…&signature=…`. */
  uploadPath: string;
  uploadExpiresAt: Date;
  maxBytes: number;
}

/** An upload as a member's list shows it, with a fresh download link. */
export interface SupportDocumentView {
  id: string;
  memberId: string;
  purpose: string;
  state: UploadDoc["state"];
  contentType: SupportContentType;
  type: SupportDocumentType;
  size: number;
  createdAt: Date;
  expiresAt: Date | null;
  referencedBy: string | null;
  downloadPath: string;
  downloadExpiresAt: Date;
}

/** Support documents as one subgraph's resolvers use them (ctx.uploads): tickets, lists, references. */
export interface UploadService {
  ticket(request: TicketRequest): Promise<UploadTicketView>;
  /** The member's stored documents, newest first. Call only after deciding the viewer may see them. */
  page(memberId: string, args: PageArgs, withTotal: boolean): Promise<Connection<SupportDocumentView>>;
  /** Refuses (BAD_USER_INPUT naming the position) any id this record may not refer to: see checkUploads. */
  check(ids: readonly string[], options: ReferenceOptions): Promise<UploadDoc[]>;
  /** Takes the uploads for the record (REFERENCIADO); returns the ids this call took, to release if its write fails. */
  reference(ids: readonly string[], options: ReferenceOptions): Promise<string[]>;
  /** Gives back uploads the record took (CARGADO again) when the record was not written after all. */
  release(ids: readonly string[], by: string): Promise<void>;
}

const link = (subgraph: string, id: string, expires: number, signature: string): string =>
  `/uploads/${subgraph}?${new URLSearchParams({ id, expires: String(expires), signature })}`;

export function uploadService(options: { subgraph: string; connection: MongoConnection; key: string }): UploadService {
  const { subgraph, connection, key } = options;
  const model = uploadModel(connection);
  const view = (upload: UploadDoc): SupportDocumentView => {
    const expires = Date.now() + UPLOAD_DOWNLOAD_LINK_MS;
    return {
      id: upload._id,
      memberId: upload.memberId,
      purpose: upload.purpose,
      state: upload.state,
      contentType: upload.contentType ?? upload.declaredType,
      type: documentTypeOf(upload.contentType ?? upload.declaredType),
      size: upload.size ?? 0,
      createdAt: upload.createdAt,
      expiresAt: upload.expiresAt,
      referencedBy: upload.referencedBy,
      downloadPath: link(subgraph, upload._id, expires, signLink(key, "upload-download", upload._id, expires)),
      downloadExpiresAt: new Date(expires),
    };
  };
  return {
    async ticket(request) {
      if (!Number.isSafeInteger(request.size) || request.size < 1 || request.size > MAX_UPLOAD_BYTES) {
        throw badUserInput({ field: "size", message: `El documento debe pesar entre 1 byte y ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.` });
      }
      const now = new Date();
      const waiting = await model.countDocuments({ memberId: request.memberId, requestedBy: request.requestedBy, expiresAt: { $gt: now } }).exec();
      if (waiting >= MAX_WAITING_UPLOADS) throw conflict(`Tiene ${waiting} documentos de este afiliado cargados o por cargar sin usar: úselos en una solicitud o espere a que venzan.`);
      const upload: UploadDoc = {
        _id: newUploadId(),
        memberId: request.memberId,
        requestedBy: request.requestedBy,
        purpose: request.purpose,
        declaredType: request.contentType,
        maxBytes: request.size,
        state: UploadState.PENDIENTE,
        size: null,
        contentType: null,
        fileId: null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + TICKET_TTL_MS),
        referencedBy: null,
        listKey: null,
      };
      await model.create(upload);
      const expires = now.getTime() + UPLOAD_LINK_MS;
      return { uploadId: upload._id, uploadPath: link(subgraph, upload._id, expires, signLink(key, "upload", upload._id, expires)), uploadExpiresAt: new Date(expires), maxBytes: upload.maxBytes };
    },
    async page(memberId, args, withTotal) {
      // listKey is set once the content is stored: the range leaves pending tickets out, on the same index.
      const page = await findPage<UploadDoc>({ model, filter: { memberId, listKey: { $gt: "" } }, sortField: "listKey", direction: -1, args, withTotal });
      const nodes = page.nodes.map(view);
      return { ...page, nodes, edges: page.edges.map((edge, i) => ({ cursor: edge.cursor, node: nodes[i] as SupportDocumentView })) };
    },
    check: (ids, referenceOptions) => checkUploads(connection, ids, referenceOptions),
    reference: (ids, referenceOptions) => referenceUploads(connection, ids, referenceOptions),
    release: (ids, by) => releaseUploads(connection, ids, by),
  };
}

import { randomBytes } from "node:crypto";
import { Schema, type Connection, type Model, type mongo } from "mongoose";
import { SUPPORT_CONTENT_TYPES, type SupportContentType } from "./sniff.js";

export const UploadState = {
  /** A ticket was handed out; nothing has arrived yet. */
  PENDIENTE: "PENDIENTE",
  /** The content arrived, was checked and is stored: it may be referenced until it expires. */
  CARGADO: "CARGADO",
  /** A record (an authorization request) refers to it: it is kept with that record and never expires. */
  REFERENCIADO: "REFERENCIADO",
} as const;
export type UploadState = (typeof UploadState)[keyof typeof UploadState];

/** The largest support document accepted, in bytes (10 MB). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** How long an upload no record refers to is kept (then the expiry job deletes it and its content). */
export const UPLOAD_TTL_MS = 24 * 60 * 60_000;

/** A support document a member's record may refer to, in the owning subgraph's own database. */
export interface UploadDoc {
  /** "UP-" + 24 hex digits (96 random bits): what a record refers to. */
  _id: string;
  /** The member the document is about: only their records may refer to it. */
  memberId: string;
  /** Token subject of whoever asked for the ticket (the member, their carer, a clinic, an agent). */
  requestedBy: string;
  /** What it is for (AUTHORIZATION_ATTACHMENT, …): a record refers only to uploads made for its kind. */
  purpose: string;
  declaredType: SupportContentType;
  /** The size declared when the ticket was asked for: more than this is refused (413). */
  maxBytes: number;
  state: UploadState;
  size: number | null;
  /** The type its content was found to be: always the declared one once stored. */
  contentType: SupportContentType | null;
  /**
   * Its GridFS file. Set when the content starts arriving (claims the upload: a second sender gets 404),
   * so the expiry job can delete what a crash mid-upload left behind.
   */
  fileId: mongo.ObjectId | null;
  createdAt: Date;
  /** When it is deleted unless referenced; null once referenced (kept with the record). */
  expiresAt: Date | null;
  /** The record that refers to it (an authorization's number). */
  referencedBy: string | null;
  /** createdAt + id once stored, null before: the member's list newest first, page by page (unique). */
  listKey: string | null;
}

const uploadSchema = new Schema<UploadDoc>(
  {
    _id: String,
    memberId: { type: String, required: true },
    requestedBy: { type: String, required: true },
    purpose: { type: String, required: true },
    declaredType: { type: String, enum: SUPPORT_CONTENT_TYPES, required: true },
    maxBytes: { type: Number, required: true },
    state: { type: String, enum: Object.values(UploadState), required: true },
    size: { type: Number, default: null },
    contentType: { type: String, enum: [...SUPPORT_CONTENT_TYPES, null], default: null },
    fileId: { type: Schema.Types.ObjectId, default: null },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, default: null },
    referencedBy: { type: String, default: null },
    listKey: { type: String, default: null },
  },
  { collection: "uploads", versionKey: false, writeConcern: { w: "majority", j: true } },
);
// A member's documents, newest first: equality then the unique key the pages continue after (ascending,
// read backwards: docs/architecture.md). Pending uploads have no listKey and never show.
uploadSchema.index({ memberId: 1, listKey: 1 });
// How many unreferenced uploads one requester has waiting for one member (the cap on tickets); equality first.
uploadSchema.index({ memberId: 1, requestedBy: 1, expiresAt: 1 });
// The expiry job: everything past its expiresAt (referenced uploads have none).
uploadSchema.index({ expiresAt: 1 });

export type UploadModel = Model<UploadDoc>;

export const uploadModel = (connection: Connection): UploadModel =>
  (connection.models["SupportUpload"] as UploadModel | undefined) ?? connection.model<UploadDoc>("SupportUpload", uploadSchema);

export const newUploadId = (): string => `UP-${randomBytes(12).toString("hex")}`;

/** An upload id as a record carries it: anything else is not worth a database question. */
export const UPLOAD_ID = /^UP-[0-9a-f]{24}$/;

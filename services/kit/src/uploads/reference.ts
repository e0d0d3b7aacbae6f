import type { Connection } from "mongoose";
import { badUserInput } from "../errors.js";
import { UPLOAD_ID, UPLOAD_TTL_MS, UploadState, uploadModel, type UploadDoc } from "./upload.model.js";

export interface ReferenceOptions {
  /** The member the record is about: only their uploads may be referred to. */
  memberId: string;
  /** The record that refers to them (an authorization's number): referring again from it is accepted. */
  by: string;
  /** What the uploads must have been made for (AUTHORIZATION_ATTACHMENT): when given, checked. */
  purpose?: string;
  /** The input field that holds the ids, named in the error: `input.attachments` → `input.attachments.0`. */
  field?: string;
  /** The field holds one id, not a list (`input.attachment`): the error names the field itself. */
  single?: boolean;
  now?: Date;
}

const refused = (options: ReferenceOptions, i: number, message: string) => {
  const field = options.field ?? "attachments";
  return badUserInput({ field: options.single ? field : `${field}.${i}`, message });
};

/**
 * Refuses (BAD_USER_INPUT naming the position) any id that is not a stored, unexpired upload of this
 * member, or one already referenced by another record. Another member's upload and a made-up id get the
 * same message, so ids cannot be probed. Call it before numbering the record; referenceUploads repeats it.
 */
export async function checkUploads(connection: Connection, ids: readonly string[], options: ReferenceOptions): Promise<UploadDoc[]> {
  const now = options.now ?? new Date();
  ids.forEach((id, i) => {
    if (!UPLOAD_ID.test(id)) throw refused(options, i, "Cada documento soporte debe ser el uploadId que devolvió su carga (UP-…).");
    if (ids.indexOf(id) !== i) throw refused(options, i, "El documento soporte está repetido.");
  });
  if (!ids.length) return [];
  const found = await uploadModel(connection)
    .find({ _id: { $in: [...ids] } })
    .lean<UploadDoc[]>()
    .exec();
  const byId = new Map(found.map((upload) => [upload._id, upload]));
  return ids.map((id, i) => {
    const upload = byId.get(id);
    const usable =
      upload &&
      upload.memberId === options.memberId &&
      (options.purpose === undefined || upload.purpose === options.purpose) &&
      ((upload.state === UploadState.CARGADO && upload.expiresAt !== null && upload.expiresAt > now) || (upload.state === UploadState.REFERENCIADO && upload.referencedBy === options.by));
    if (!usable) throw refused(options, i, "El documento soporte no existe, no es de este afiliado, no terminó de cargarse, venció o ya está en otra solicitud: cárguelo de nuevo.");
    return upload;
  });
}

/**
 * Marks the uploads as referenced by the record (REFERENCIADO: kept with it, never expiring). One
 * compare-and-set per upload on its state, so two calls racing for one upload cannot both have it, even for
 * the same record: the loser's takes are given back and it gets the same BAD_USER_INPUT as a check would
 * have given. Returns the ids this call took (those already referenced by the record are not among them):
 * what to give back if the record is not written after all.
 */
export async function referenceUploads(connection: Connection, ids: readonly string[], options: ReferenceOptions): Promise<string[]> {
  const uploads = await checkUploads(connection, ids, options);
  const pending = uploads.filter((upload) => upload.state === UploadState.CARGADO).map((upload) => upload._id);
  const model = uploadModel(connection);
  const now = options.now ?? new Date();
  const taken: string[] = [];
  for (const id of pending) {
    const took = await model
      .updateOne({ _id: id, memberId: options.memberId, state: UploadState.CARGADO, expiresAt: { $gt: now } }, { $set: { state: UploadState.REFERENCIADO, referencedBy: options.by, expiresAt: null } })
      .exec();
    if (took.modifiedCount === 1) {
      taken.push(id);
      continue;
    }
    await releaseUploads(connection, taken, options.by);
    throw refused(options, ids.indexOf(id), "El documento soporte ya está en otra solicitud: cárguelo de nuevo.");
  }
  return taken;
}

/**
 * Gives uploads back (CARGADO, expiring a day from now) when the record that took them was not written
 * after all (its insert failed): they may be referred to again, or expire.
 */
export async function releaseUploads(connection: Connection, ids: readonly string[], by: string, now = new Date()): Promise<void> {
  if (!ids.length) return;
  await uploadModel(connection)
    .updateMany({ _id: { $in: [...ids] }, referencedBy: by }, { $set: { state: UploadState.CARGADO, referencedBy: null, expiresAt: new Date(now.getTime() + UPLOAD_TTL_MS) } })
    .exec();
}

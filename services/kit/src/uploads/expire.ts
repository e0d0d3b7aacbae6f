import type { Connection } from "mongoose";
import { deleteStoredFile } from "./store.js";
import { UploadState, uploadModel, type UploadDoc } from "./upload.model.js";

/** How often each process looks for expired uploads. */
export const UPLOAD_EXPIRY_EVERY_MS = 10 * 60_000;

/**
 * Deletes the uploads no record referred to within their day (PENDIENTE or CARGADO, past expiresAt), with
 * their stored content. The entry goes first, by a compare-and-set, so an upload being referenced at that
 * moment is either kept (the reference won) or gone before anything can refer to it; the content goes
 * after. A crash in between leaves content no entry points to, never served (downloads go by the entry).
 * Returns how many it deleted; at most `limit` per run, the oldest first.
 */
export async function expireUploads(connection: Connection, options: { now?: Date; limit?: number } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const model = uploadModel(connection);
  const due = await model
    .find({ expiresAt: { $lt: now } }, { _id: 1 })
    .sort({ expiresAt: 1 })
    .limit(options.limit ?? 200)
    .lean<Pick<UploadDoc, "_id">[]>()
    .exec();
  let deleted = 0;
  for (const { _id } of due) {
    const gone = await model.findOneAndDelete({ _id, state: { $in: [UploadState.PENDIENTE, UploadState.CARGADO] }, expiresAt: { $lt: now } }).lean<UploadDoc>().exec();
    if (!gone) continue;
    if (gone.fileId) await deleteStoredFile(connection, gone.fileId);
    deleted++;
  }
  return deleted;
}

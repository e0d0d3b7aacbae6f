import { mongo, type Connection } from "mongoose";
import type { IndexedModel } from "../mongo/connection.js";

/** GridFS collections `uploads.files` and `uploads.chunks`, in the owning subgraph's own database. */
export const UPLOAD_BUCKET = "uploads";

export function uploadBucket(connection: Connection): mongo.GridFSBucket {
  if (!connection.db) throw new Error("The database connection is not open.");
  return new mongo.GridFSBucket(connection.db, { bucketName: UPLOAD_BUCKET });
}

/**
 * GridFS's own indexes, created at start like every other: the driver would otherwise create them on the
 * first upload, while writes run (which deadlocked SecantusDB once: docs/architecture.md).
 */
export function gridFsIndexes(connection: Connection): IndexedModel[] {
  const indexed = (name: string, key: Record<string, 1>, unique: boolean): IndexedModel => ({
    async createCollection() {
      const db = connection.db;
      if (!db) throw new Error("The database connection is not open.");
      return db.createCollection(name);
    },
    createIndexes: () => connection.collection(name).createIndex(key, { unique }),
  });
  return [indexed(`${UPLOAD_BUCKET}.files`, { filename: 1, uploadDate: 1 }, false), indexed(`${UPLOAD_BUCKET}.chunks`, { files_id: 1, n: 1 }, true)];
}

/** Deletes a file's chunks and entry; a file a crash left without its entry (only chunks) goes too. */
export async function deleteStoredFile(connection: Connection, fileId: mongo.ObjectId): Promise<void> {
  try {
    await uploadBucket(connection).delete(fileId);
  } catch (error) {
    // The driver deletes the chunks before it says the entry was missing: nothing is left either way.
    if (!(error instanceof mongo.MongoRuntimeError) || !/not found/i.test(error.message)) throw error;
  }
}

import type { Model } from "mongoose";

const BATCH_SIZE = 1000;

/** True when every failure in an unordered insert is a duplicate key: those documents are already there. */
export function onlyDuplicates(error: unknown): boolean {
  const { code, writeErrors } = error as { code?: unknown; writeErrors?: unknown };
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  if (list.length === 0) return code === 11000;
  return list.every((writeError) => (writeError as { code?: unknown }).code === 11000);
}

/**
 * Unordered inserts of ~1000 documents. `lean`: the documents are built complete here (every field,
 * timestamps included), and skipping mongoose's per-document hydration and validation halves the time;
 * the seed test validates every generated document against the schemas instead.
 */
export async function insertInBatches<T>(model: Model<T>, docs: readonly T[], now: Date): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH_SIZE) {
    const batch = docs.slice(i, i + BATCH_SIZE).map((doc) => ({ ...doc, createdAt: now, updatedAt: now }));
    try {
      await model.insertMany(batch, { ordered: false, lean: true });
    } catch (error) {
      // A re-run after an interrupted seed: what is already there stays, the rest is inserted.
      if (!onlyDuplicates(error)) throw error;
    }
  }
}

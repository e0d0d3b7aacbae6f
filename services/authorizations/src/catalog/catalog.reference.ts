import type { Logger } from "@sos/kit";
import type { Connection, Model } from "mongoose";
import { cie10Model, cupsModel } from "./catalog.model.js";
import { CIE10_CATALOGUE } from "./cie10.data.js";
import { CUPS_CATALOGUE } from "./cups.data.js";

/** Brings a catalogue collection up to the version this code ships: upserts by code, in one bulk write. */
async function sync<T extends { _id: string }>(model: Model<T>, entries: readonly T[]): Promise<number> {
  if ((await model.estimatedDocumentCount()) === entries.length) return 0;
  const result = await model.bulkWrite(
    entries.map((entry) => ({ replaceOne: { filter: { _id: entry._id }, replacement: entry, upsert: true } })) as Parameters<Model<T>["bulkWrite"]>[0],
    { ordered: false },
  );
  return result.upsertedCount + result.modifiedCount;
}

/** The CUPS and CIE-10 catalogues, loaded at every start (idempotent). */
export async function loadCatalogues(connection: Connection, logger: Logger): Promise<void> {
  const cups = await sync(cupsModel(connection), CUPS_CATALOGUE.map(({ code, ...entry }) => ({ _id: code, ...entry })));
  const cie10 = await sync(cie10Model(connection), CIE10_CATALOGUE.map(({ code, ...entry }) => ({ _id: code, ...entry })));
  if (cups || cie10) logger.info({ cups, cie10 }, "code catalogues loaded");
}

import type { Logger } from "@sos/kit";
import { createHash } from "node:crypto";
import type { Connection, Model } from "mongoose";
import { cie10Model, cupsModel } from "./catalog.model.js";
import { CIE10_CATALOGUE } from "./cie10.data.js";
import { CUPS_CATALOGUE } from "./cups.data.js";

/**
 * Brings a catalogue collection to exactly the version this code ships: when the shipped entries' hash
 * differs from the one recorded, every entry is upserted (a corrected description too) and codes no
 * longer shipped are deleted (a withdrawn code stops being accepted). Unchanged: one read, nothing written.
 */
async function sync<T extends { _id: string }>(connection: Connection, name: string, model: Model<T>, entries: readonly T[]): Promise<boolean> {
  const versions = connection.collection<{ _id: string; hash: string }>("catalog_versions");
  const hash = createHash("sha256").update(JSON.stringify(entries)).digest("hex");
  if ((await versions.findOne({ _id: name }))?.hash === hash) return false;
  await model.bulkWrite(entries.map((entry) => ({ replaceOne: { filter: { _id: entry._id }, replacement: entry, upsert: true } })) as Parameters<Model<T>["bulkWrite"]>[0], { ordered: false });
  await model.collection.deleteMany({ _id: { $nin: entries.map((entry) => entry._id) } } as never);
  await versions.updateOne({ _id: name }, { $set: { hash } }, { upsert: true });
  return true;
}

/** The CUPS and CIE-10 catalogues, loaded at every start (idempotent). */
export async function loadCatalogues(connection: Connection, logger: Logger): Promise<void> {
  const cups = await sync(connection, "cups", cupsModel(connection), CUPS_CATALOGUE.map(({ code, ...entry }) => ({ _id: code, ...entry })));
  const cie10 = await sync(connection, "cie10", cie10Model(connection), CIE10_CATALOGUE.map(({ code, ...entry }) => ({ _id: code, ...entry })));
  if (cups || cie10) logger.info({ cups: CUPS_CATALOGUE.length, cie10: CIE10_CATALOGUE.length }, "code catalogues loaded");
}

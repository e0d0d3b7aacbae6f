import { Schema, type Connection, type Model } from "mongoose";
import type { CupsKind } from "./cups.data.js";

/**
 * The code catalogues requests are checked against: CUPS procedures and CIE-10 diagnoses, kept as data
 * (the Ministry updates them by resolution) and loaded at every start (catalog.reference.ts).
 */
export interface CupsDoc {
  _id: string;
  description: string;
  kind: CupsKind;
  initialEmergencyCare: boolean;
}
export interface Cie10Doc {
  _id: string;
  description: string;
}

const cupsSchema = new Schema<CupsDoc>(
  { _id: String, description: { type: String, required: true }, kind: { type: String, required: true }, initialEmergencyCare: { type: Boolean, required: true } },
  { collection: "cups_codes", versionKey: false },
);
const cie10Schema = new Schema<Cie10Doc>({ _id: String, description: { type: String, required: true } }, { collection: "cie10_codes", versionKey: false });

export const cupsModel = (connection: Connection): Model<CupsDoc> =>
  (connection.models["CupsCode"] as Model<CupsDoc> | undefined) ?? connection.model<CupsDoc>("CupsCode", cupsSchema);
export const cie10Model = (connection: Connection): Model<Cie10Doc> =>
  (connection.models["Cie10Code"] as Model<Cie10Doc> | undefined) ?? connection.model<Cie10Doc>("Cie10Code", cie10Schema);

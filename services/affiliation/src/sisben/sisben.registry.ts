import type { DocumentType } from "@sos/kit";
import { Schema, type Connection, type Model } from "mongoose";

/**
 * The SISBEN IV registry (the national survey that ranks households A1 to D21) as this subgraph needs it:
 * a person's group by document. An interface, so the synthetic registry of development and tests can be
 * replaced by a client of the national service (DNP) without touching who asks.
 */
export interface SisbenRecord {
  documentType: DocumentType;
  documentNumber: string;
  /** A1–A5, B1–B7, C1–C18, D1–D21. */
  group: string;
  municipalityCode: string;
  /** When the survey was last updated, "YYYY-MM-DD". */
  updatedOn: string;
}

export interface SisbenRegistry {
  lookup(documentType: DocumentType, documentNumber: string): Promise<SisbenRecord | null>;
}

interface SisbenDoc extends SisbenRecord {
  /** "<documentType>:<documentNumber>". */
  _id: string;
  seeded?: boolean;
}

const sisbenSchema = new Schema<SisbenDoc>(
  {
    _id: String,
    documentType: { type: String, required: true },
    documentNumber: { type: String, required: true },
    group: { type: String, required: true },
    municipalityCode: { type: String, required: true },
    updatedOn: { type: String, required: true },
    seeded: Boolean,
  },
  { collection: "sisben_registry", versionKey: false },
);

export type SisbenModel = Model<SisbenDoc>;
export const sisbenModel = (connection: Connection): SisbenModel =>
  (connection.models["SisbenRecord"] as SisbenModel | undefined) ?? connection.model<SisbenDoc>("SisbenRecord", sisbenSchema);
export const sisbenKey = (documentType: string, documentNumber: string): string => `${documentType}:${documentNumber}`;

/** The synthetic registry, in this subgraph's database (seeded with the synthetic population). */
export function storedSisbenRegistry(model: SisbenModel): SisbenRegistry {
  return {
    async lookup(documentType, documentNumber) {
      const found = await model.findById(sisbenKey(documentType, documentNumber)).lean<SisbenDoc>().exec();
      if (!found) return null;
      const { documentType: type, documentNumber: number, group, municipalityCode, updatedOn } = found;
      return { documentType: type, documentNumber: number, group, municipalityCode, updatedOn };
    },
  };
}

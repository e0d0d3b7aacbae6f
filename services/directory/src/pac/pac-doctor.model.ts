import { Schema, type Connection, type Model } from "mongoose";
import type { OpeningSpan } from "../ips/ips.model.js";

/** A doctor of the complementary plan's (PAC) medical directory, at one or more sites. */
export interface PacDoctorDoc {
  _id: string;
  fullName: string;
  specialty: string;
  /** Where the doctor sees patients: a clinic of the network (REPS code) with their hours there. */
  sites: { ipsCode: string; municipalityCode: string; hours: OpeningSpan[] }[];
  /** The municipalities of the sites, for the search by city. */
  municipalityCodes: string[];
  /** Name, then id: a unique key in alphabetical order, for pages. */
  sortKey: string;
  seeded?: boolean;
}
export type PacDoctorModel = Model<PacDoctorDoc>;

const pacDoctorSchema = new Schema<PacDoctorDoc>(
  {
    _id: { type: String, required: true },
    fullName: { type: String, required: true },
    specialty: { type: String, required: true },
    sites: {
      type: [{ _id: false, ipsCode: String, municipalityCode: String, hours: [{ _id: false, weekday: Number, opens: Number, closes: Number }] }],
      default: [],
    },
    municipalityCodes: { type: [String], default: [] },
    sortKey: { type: String, required: true },
    seeded: Boolean,
  },
  { collection: "pac_doctors", versionKey: false },
);
// Doctors of a specialty in a city, by name, page by page: the directory's only search path.
pacDoctorSchema.index({ specialty: 1, municipalityCodes: 1, sortKey: 1 });

export const pacDoctorModel = (connection: Connection): PacDoctorModel =>
  (connection.models["PacDoctor"] as PacDoctorModel | undefined) ?? connection.model<PacDoctorDoc>("PacDoctor", pacDoctorSchema);

/** The specialties of the PAC directory (the search's vocabulary). */
export const PAC_SPECIALTIES = [
  "Cardiología",
  "Dermatología",
  "Ginecología y obstetricia",
  "Medicina interna",
  "Oftalmología",
  "Ortopedia y traumatología",
  "Otorrinolaringología",
  "Pediatría",
  "Psiquiatría",
  "Urología",
] as const;

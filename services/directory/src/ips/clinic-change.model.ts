import { Schema, type Connection, type Model } from "mongoose";

/** Who changed what of a clinic, when and why: staff edits are recorded, durably, before the answer leaves. */
export interface ClinicChangeDoc {
  at: Date;
  requestId: string;
  actor: { subject: string; role: string };
  purpose: string;
  clinic: string;
  changes: Record<string, unknown>;
}

const clinicChangeSchema = new Schema<ClinicChangeDoc>(
  {
    at: { type: Date, required: true },
    requestId: { type: String, required: true },
    actor: { subject: { type: String, required: true }, role: { type: String, required: true } },
    purpose: { type: String, required: true },
    clinic: { type: String, required: true },
    changes: { type: Schema.Types.Mixed, required: true },
  },
  { collection: "clinic_changes", versionKey: false, writeConcern: { w: "majority", j: true } },
);
// A clinic's history, newest first (append-only and lean: one index).
clinicChangeSchema.index({ clinic: 1, at: 1 });

export const clinicChangeModel = (connection: Connection): Model<ClinicChangeDoc> =>
  (connection.models["ClinicChange"] as Model<ClinicChangeDoc> | undefined) ?? connection.model<ClinicChangeDoc>("ClinicChange", clinicChangeSchema);

import { Schema, type Connection, type Model } from "mongoose";

export interface EmployerDoc {
  /** The NIT's 9 digits, without check digit. */
  _id: string;
  name: string;
  municipalityCode: string;
  /** The payroll contact's e-mail, verified when the employer registered with the EPS; its account codes go there. */
  contactEmail?: string | null;
  seeded?: boolean;
}

const employerSchema = new Schema<EmployerDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    municipalityCode: { type: String, required: true },
    contactEmail: { type: String, default: null },
    seeded: { type: Boolean },
  },
  { collection: "employers", versionKey: false, timestamps: true },
);

export type EmployerModel = Model<EmployerDoc>;

export const employerModel = (connection: Connection): EmployerModel =>
  connection.models["Employer"] ?? connection.model<EmployerDoc>("Employer", employerSchema);

import { Schema, type Connection, type Model } from "mongoose";

export const IpsNetwork = { PRIMARY: "PRIMARY", EMERGENCY: "EMERGENCY", PAC: "PAC" } as const;
export type IpsNetwork = (typeof IpsNetwork)[keyof typeof IpsNetwork];

export const IpsNature = { PUBLICA: "PUBLICA", PRIVADA: "PRIVADA", MIXTA: "MIXTA" } as const;
export type IpsNature = (typeof IpsNature)[keyof typeof IpsNature];

/** One opening span of a day, in minutes since midnight, Colombian time (closes = 1440: until midnight). */
export interface OpeningSpan {
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  opens: number;
  closes: number;
}

/** A clinic (IPS) as the directory keeps it: the one source of its particulars for the whole graph. */
export interface ClinicDoc {
  /** REPS habilitation code (12 digits). */
  _id: string;
  name: string;
  /** NIT without check digit. */
  nit: string;
  nature: IpsNature;
  level: number;
  municipalityCode: string;
  address: string;
  phone: string;
  location: { type: "Point"; coordinates: [number, number] };
  networks: IpsNetwork[];
  services: { code: string; name: string }[];
  openingHours: OpeningSpan[];
  /** Hours on Colombian holidays (empty: closed). */
  holidayHours: { opens: number; closes: number }[];
  booking: { url: string | null; phone: string | null } | null;
  active: boolean;
  seeded?: boolean;
}
export type ClinicModel = Model<ClinicDoc>;

const span = { _id: false, weekday: Number, opens: Number, closes: Number };

const clinicSchema = new Schema<ClinicDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    nit: { type: String, required: true },
    nature: { type: String, required: true },
    level: { type: Number, required: true },
    municipalityCode: { type: String, required: true },
    address: { type: String, required: true },
    phone: { type: String, required: true },
    location: { type: { type: String, enum: ["Point"], required: true }, coordinates: { type: [Number], required: true } },
    networks: { type: [String], default: [] },
    services: { type: [{ _id: false, code: String, name: String }], default: [] },
    openingHours: { type: [span], default: [] },
    holidayHours: { type: [{ _id: false, opens: Number, closes: Number }], default: [] },
    booking: { type: new Schema({ url: String, phone: String }, { _id: false }), default: null },
    active: { type: Boolean, required: true },
    seeded: Boolean,
  },
  { collection: "clinics", versionKey: false },
);
// The nearest emergency rooms: $geoNear over this index, filtered by network.
// The version is spelled out: the server records it on the index, and a later start asking for the
// index without it would be refused as a different index (IndexKeySpecsConflict).
clinicSchema.index({ location: "2dsphere" }, { "2dsphereIndexVersion": 3 });
// Active clinics of a municipality and network, page by page in code order.
clinicSchema.index({ municipalityCode: 1, networks: 1, active: 1, _id: 1 });

export const clinicModel = (connection: Connection): ClinicModel =>
  (connection.models["Clinic"] as ClinicModel | undefined) ?? connection.model<ClinicDoc>("Clinic", clinicSchema);

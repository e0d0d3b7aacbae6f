import { Schema, type Connection, type Model } from "mongoose";

/**
 * The insurer's contracted network as affiliation needs it: which IPS may be a member's primary IPS, by
 * municipality. The clinic's own details (address, services, hours) belong to the directory subgraph.
 */
export interface NetworkIpsDoc {
  /** REPS habilitation code (12 digits). */
  _id: string;
  name: string;
  municipalityCode: string;
  /** In the primary-care network (red primaria). */
  primaryCare: boolean;
  /** The contract is in force. */
  active: boolean;
  seeded?: boolean;
}

const networkIpsSchema = new Schema<NetworkIpsDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    municipalityCode: { type: String, required: true },
    primaryCare: { type: Boolean, required: true },
    active: { type: Boolean, required: true },
    seeded: { type: Boolean },
  },
  { collection: "network_ips", versionKey: false, timestamps: true },
);
// The choices offered to a member: active primary-care IPS of a municipality, by name.
networkIpsSchema.index({ municipalityCode: 1, primaryCare: 1, active: 1, name: 1 });

export type NetworkIpsModel = Model<NetworkIpsDoc>;

export const networkIpsModel = (connection: Connection): NetworkIpsModel =>
  connection.models["NetworkIps"] ?? connection.model<NetworkIpsDoc>("NetworkIps", networkIpsSchema);

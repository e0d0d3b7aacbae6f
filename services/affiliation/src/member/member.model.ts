import { DocumentType } from "@sos/kit";
import { Schema, type Connection, type Model } from "mongoose";
import { AffiliationState, CotizanteKind, IncomeBand, MemberType, Regime, Relationship, Sex } from "./member.enums.js";

export interface ContactData {
  email?: string | null;
  mobile?: string | null;
  landline?: string | null;
  address?: string | null;
}

export interface PrimaryIpsAssignment {
  ipsCode: string;
  since: Date;
  /** Who made the change: the token subject. */
  changedBy: string;
}

/** One change of the affiliation's state (a novedad), newest last. */
export interface StateChange {
  state: AffiliationState;
  at: Date;
  /** The novedad: AFILIACION, REACTIVACION, RETIRO_LABORAL, TRASLADO_SALIDA, FALLECIMIENTO, FIN_PROTECCION_LABORAL, ... */
  reason: string;
  /** What else the novedad recorded (destination EPS, former employer). */
  detail?: string;
  by: string;
}

/** A document the member was known by before a change (TI to CC at 18): the person stays the same member. */
export interface FormerDocument {
  documentType: DocumentType;
  documentNumber: string;
  until: Date;
  by: string;
}

export interface MemberDoc {
  _id: string;
  documentType: DocumentType;
  documentNumber: string;
  firstName: string;
  middleName?: string | null;
  firstSurname: string;
  secondSurname?: string | null;
  /** Lower-case, accent-free "surnames names": for a future name search. */
  sortName: string;
  /** `sortName` and the id (sortKeyOf): unique, so lists in name order page by a plain range on it. */
  sortKey: string;
  birthDate: string;
  sex: Sex;
  contact: ContactData;
  municipalityCode: string;
  regime: Regime;
  memberType: MemberType;
  cotizanteKind?: CotizanteKind | null;
  state: AffiliationState;
  affiliationDate: string;
  sisbenGroup?: string | null;
  /** On a cotizante of the contributivo: the income band of their IBC; beneficiaries take their cotizante's. */
  incomeBand?: IncomeBand | null;
  primaryIpsCode: string;
  /** Every assignment, oldest first; the last one is the current primaryIpsCode. */
  primaryIpsHistory: PrimaryIpsAssignment[];
  employerNit?: string | null;
  cotizanteId?: string | null;
  relationship?: Relationship | null;
  permanentDisability?: boolean;
  economicDependent?: boolean;
  /** Why and when a beneficiary left the group (retireBeneficiary). */
  retirement?: { reason: string; at: Date; by: string } | null;
  /** Novedades, oldest first (members seeded before the history existed start with none). */
  stateHistory?: StateChange[];
  /** Documents the member had before (document changes), oldest first. */
  documentHistory?: FormerDocument[];
  /** In PROTECCION_LABORAL: the last day of the protection (AAAA-MM-DD); null otherwise. */
  protectionUntil?: string | null;
  /** On a cotizante: bumped by every change to the family group, so concurrent changes cannot both pass the rules. */
  familyVersion: number;
  seeded?: boolean;
  createdAt?: Date;
  updatedAt?: Date;
}

const enumValues = (e: object): string[] => Object.values(e) as string[];

const memberSchema = new Schema<MemberDoc>(
  {
    _id: { type: String, required: true },
    documentType: { type: String, enum: enumValues(DocumentType), required: true },
    documentNumber: { type: String, required: true },
    firstName: { type: String, required: true },
    middleName: { type: String, default: null },
    firstSurname: { type: String, required: true },
    secondSurname: { type: String, default: null },
    sortName: { type: String, required: true },
    sortKey: { type: String, required: true },
    birthDate: { type: String, required: true },
    sex: { type: String, enum: enumValues(Sex), required: true },
    contact: {
      email: { type: String, default: null },
      mobile: { type: String, default: null },
      landline: { type: String, default: null },
      address: { type: String, default: null },
    },
    municipalityCode: { type: String, required: true },
    regime: { type: String, enum: enumValues(Regime), required: true },
    memberType: { type: String, enum: enumValues(MemberType), required: true },
    cotizanteKind: { type: String, enum: [...enumValues(CotizanteKind), null], default: null },
    state: { type: String, enum: enumValues(AffiliationState), required: true },
    affiliationDate: { type: String, required: true },
    sisbenGroup: { type: String, default: null },
    incomeBand: { type: String, enum: [...enumValues(IncomeBand), null], default: null },
    primaryIpsCode: { type: String, required: true },
    primaryIpsHistory: [{ _id: false, ipsCode: String, since: Date, changedBy: String }],
    employerNit: { type: String, default: null },
    cotizanteId: { type: String, default: null },
    relationship: { type: String, enum: [...enumValues(Relationship), null], default: null },
    permanentDisability: { type: Boolean, default: false },
    economicDependent: { type: Boolean, default: false },
    familyVersion: { type: Number, default: 0 },
    retirement: { type: { _id: false, reason: String, at: Date, by: String }, default: null },
    stateHistory: [{ _id: false, state: String, at: Date, reason: String, detail: String, by: String }],
    documentHistory: [{ _id: false, documentType: String, documentNumber: String, until: Date, by: String }],
    protectionUntil: { type: String, default: null },
    seeded: { type: Boolean },
  },
  { collection: "members", versionKey: false, timestamps: true },
);

// One member per document (also what refuses a second affiliation of the same person).
memberSchema.index({ documentType: 1, documentNumber: 1 }, { unique: true });
// A cotizante's family group. (Not partial: a partial index is only chosen when the query repeats its filter.)
memberSchema.index({ cotizanteId: 1 });
// An employer's dependents and an IPS's assigned patients, paged in name order by a range on sortKey.
memberSchema.index({ employerNit: 1, sortKey: 1 });
memberSchema.index({ primaryIpsCode: 1, sortKey: 1 });
// Protections that end: the hourly job finds those past their last day (equality first: SecantusDB scans
// when an equality on an unindexed key accompanies a range).
memberSchema.index({ state: 1, protectionUntil: 1 });
// Statistics of one municipality (analysts); the whole-population breakdowns read every member anyway.
memberSchema.index({ municipalityCode: 1, regime: 1 });

export type MemberModel = Model<MemberDoc>;

export const memberModel = (connection: Connection): MemberModel =>
  connection.models["Member"] ?? connection.model<MemberDoc>("Member", memberSchema);

/**
 * The key lists are ordered and paged by. Every insert path sets it with this function (the seed inserts
 * lean, so no schema hook would run); names are not editable through the graph, so it never goes stale.
 */
export const sortKeyOf = (sortName: string, id: string): string => `${sortName} ${id}`;

/** "Valencia Muñoz María Fernanda" → "valencia munoz maria fernanda". */
export function sortNameOf(person: Pick<MemberDoc, "firstName" | "middleName" | "firstSurname" | "secondSurname">): string {
  return [person.firstSurname, person.secondSurname, person.firstName, person.middleName]
    .filter(Boolean)
    .join(" ")
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();
}

/** Initials, not the name: a notice may be read by whoever holds the phone or the mailbox. */
export const initialsOf = (person: Pick<MemberDoc, "firstName" | "middleName" | "firstSurname" | "secondSurname">): string =>
  [person.firstName, person.middleName, person.firstSurname, person.secondSurname]
    .filter((part): part is string => !!part)
    .map((part) => `${part[0]}.`)
    .join(" ");

import { DocumentType } from "@sos/kit";
import { Schema, type Connection, type Model } from "mongoose";
import { CotizanteKind, Regime, Relationship, Sex } from "../member/member.enums.js";

/**
 * RADICADA: in the review queue. DUPLICADA: received but kept out of the queue (the person is already a
 * member, or has another application under review); the contact centre answers it. APROBADA, RECHAZADA:
 * the review's outcome.
 */
export const ApplicationStatus = { RADICADA: "RADICADA", DUPLICADA: "DUPLICADA", APROBADA: "APROBADA", RECHAZADA: "RECHAZADA" } as const;
export type ApplicationStatus = (typeof ApplicationStatus)[keyof typeof ApplicationStatus];

export const DuplicateReason = { YA_AFILIADO: "YA_AFILIADO", SOLICITUD_EN_CURSO: "SOLICITUD_EN_CURSO" } as const;
export type DuplicateReason = (typeof DuplicateReason)[keyof typeof DuplicateReason];

export interface ApplicantPersonDoc {
  documentType: DocumentType;
  documentNumber: string;
  firstName: string;
  middleName?: string | null;
  firstSurname: string;
  secondSurname?: string | null;
  birthDate: string;
  sex: Sex;
}

/** Why a person may be a beneficiary (family.rules). */
export interface BeneficiaryTerms {
  relationship: Relationship;
  permanentDisability: boolean;
  economicDependent: boolean;
}

export interface ApplicationDoc {
  _id: string;
  /** Radicado the applicant quotes: AF-YYYY-NNNNNNN. */
  filingNumber: string;
  status: ApplicationStatus;
  duplicateReason?: DuplicateReason | null;
  person: ApplicantPersonDoc;
  contact: { email?: string | null; mobile?: string | null; landline?: string | null; address?: string | null };
  municipalityCode: string;
  regime: Regime;
  cotizanteKind?: CotizanteKind | null;
  employerNit?: string | null;
  sisbenGroup?: string | null;
  /** The family group the applicant enrols with them (as their cotizante). */
  beneficiaries?: (BeneficiaryTerms & { person: ApplicantPersonDoc })[];
  /** Or: the applicant joins an existing cotizante's group as a beneficiary. */
  joinFamilyGroup?: (BeneficiaryTerms & { cotizanteDocumentType: DocumentType; cotizanteDocumentNumber: string }) | null;
  /** The review: who decided, when, the member it created (APROBADA) or why not (RECHAZADA). */
  decidedAt?: Date | null;
  decidedBy?: string | null;
  memberId?: string | null;
  rejectionReason?: string | null;
  createdAt?: Date;
}

const personSchema = {
  documentType: { type: String, enum: Object.values(DocumentType), required: true },
  documentNumber: { type: String, required: true },
  firstName: { type: String, required: true },
  middleName: { type: String, default: null },
  firstSurname: { type: String, required: true },
  secondSurname: { type: String, default: null },
  birthDate: { type: String, required: true },
  sex: { type: String, enum: Object.values(Sex), required: true },
};
const termsSchema = {
  relationship: { type: String, enum: Object.values(Relationship), required: true },
  permanentDisability: { type: Boolean, default: false },
  economicDependent: { type: Boolean, default: false },
};

const applicationSchema = new Schema<ApplicationDoc>(
  {
    _id: { type: String, required: true },
    filingNumber: { type: String, required: true },
    status: { type: String, enum: Object.values(ApplicationStatus), required: true },
    duplicateReason: { type: String, enum: [...Object.values(DuplicateReason), null], default: null },
    person: personSchema,
    contact: { email: String, mobile: String, landline: String, address: String },
    municipalityCode: { type: String, required: true },
    regime: { type: String, enum: Object.values(Regime), required: true },
    decidedAt: { type: Date, default: null },
    decidedBy: { type: String, default: null },
    memberId: { type: String, default: null },
    rejectionReason: { type: String, default: null },
    cotizanteKind: { type: String, enum: [...Object.values(CotizanteKind), null], default: null },
    employerNit: { type: String, default: null },
    sisbenGroup: { type: String, default: null },
    beneficiaries: [{ _id: false, person: personSchema, ...termsSchema }],
    joinFamilyGroup: {
      type: { _id: false, cotizanteDocumentType: String, cotizanteDocumentNumber: String, ...termsSchema },
      default: null,
    },
  },
  // An application answers a legal duty (it must be reviewed): its write waits for the journal.
  { collection: "affiliation_applications", versionKey: false, timestamps: true, writeConcern: { w: "majority", j: true } },
);
applicationSchema.index({ filingNumber: 1 }, { unique: true });
// At most one application under review per document: a repeated application stays out of the queue.
applicationSchema.index(
  { "person.documentType": 1, "person.documentNumber": 1 },
  { unique: true, partialFilterExpression: { status: ApplicationStatus.RADICADA } },
);
// The review queue, in filing order.
applicationSchema.index({ status: 1, filingNumber: 1 });

export type ApplicationModel = Model<ApplicationDoc>;
export const applicationModel = (connection: Connection): ApplicationModel =>
  connection.models["AffiliationApplication"] ?? connection.model<ApplicationDoc>("AffiliationApplication", applicationSchema);

/** Named sequences ($inc is atomic: no two filings share a number). */
export interface CounterDoc {
  _id: string;
  value: number;
}
const counterSchema = new Schema<CounterDoc>(
  { _id: { type: String, required: true }, value: { type: Number, required: true } },
  { collection: "counters", versionKey: false },
);
export type CounterModel = Model<CounterDoc>;
export const counterModel = (connection: Connection): CounterModel =>
  connection.models["Counter"] ?? connection.model<CounterDoc>("Counter", counterSchema);

export async function nextValue(counters: CounterModel, name: string): Promise<number> {
  const counter = await counters
    .findOneAndUpdate({ _id: name }, { $inc: { value: 1 } }, { upsert: true, returnDocument: "after" })
    .lean<CounterDoc>()
    .exec();
  return counter.value;
}

import { DocumentType, LocalDate, connectionType } from "@sos/kit";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { CotizanteKind, Regime, Relationship, Sex } from "../member/member.enums.js";
import { ContactData } from "../member/member.type.js";
import { ApplicationStatus } from "./application.model.js";

/**
 * What the applicant gets back. Deliberately the same whether the application entered the review queue
 * or not (the person may already be a member): an anonymous caller must not learn who is affiliated.
 * The outcome reaches the applicant through the contact data they gave.
 */
@ObjectType({ description: "Constancia de recepción de una solicitud de afiliación" })
export class AffiliationApplicationReceipt {
  @Field(() => String, { description: "Número de radicado (AF-AAAA-NNNNNNN): consérvelo para consultar su solicitud" })
  filingNumber!: string;

  @Field(() => Date, { description: "Fecha y hora de recepción" })
  receivedAt!: Date;

  @Field(() => String, { description: "Qué sigue, para mostrar al solicitante" })
  message!: string;
}

registerEnumType(ApplicationStatus, {
  name: "ApplicationStatus",
  description: "Estado de una solicitud de afiliación",
  valuesConfig: {
    RADICADA: { description: "En la cola de revisión" },
    DUPLICADA: { description: "Recibida fuera de la cola: la persona ya está afiliada o tiene otra solicitud en curso" },
    APROBADA: { description: "Aprobada en la revisión" },
    RECHAZADA: { description: "Rechazada en la revisión" },
  },
});

@ObjectType({ description: "Persona que solicita la afiliación" })
export class ApplicantPerson {
  @Field(() => DocumentType)
  documentType!: DocumentType;

  @Field(() => String)
  documentNumber!: string;

  @Field(() => String)
  firstName!: string;

  @Field(() => String, { nullable: true })
  middleName?: string | null;

  @Field(() => String)
  firstSurname!: string;

  @Field(() => String, { nullable: true })
  secondSurname?: string | null;

  @Field(() => LocalDate)
  birthDate!: string;

  @Field(() => Sex)
  sex!: Sex;
}

@ObjectType({ description: "Beneficiario que la solicitud inscribe con el cotizante" })
export class ApplicantBeneficiary {
  @Field(() => ApplicantPerson)
  person!: ApplicantPerson;

  @Field(() => Relationship)
  relationship!: Relationship;

  @Field(() => Boolean, { description: "Tiene incapacidad permanente certificada" })
  permanentDisability!: boolean;

  @Field(() => Boolean, { description: "Depende económicamente del cotizante" })
  economicDependent!: boolean;
}

@ObjectType({ description: "El grupo familiar al que el solicitante pide entrar como beneficiario" })
export class RequestedFamilyGroup {
  @Field(() => DocumentType)
  cotizanteDocumentType!: DocumentType;

  @Field(() => String)
  cotizanteDocumentNumber!: string;

  @Field(() => Relationship, { description: "Parentesco del solicitante con el cotizante" })
  relationship!: Relationship;

  @Field(() => Boolean)
  permanentDisability!: boolean;

  @Field(() => Boolean)
  economicDependent!: boolean;
}

/** A filed application as the reviewing agent sees it. */
@ObjectType({ description: "Solicitud de afiliación, para revisión por un agente" })
export class AffiliationApplication {
  @Field(() => ID, { name: "id" })
  _id!: string;

  @Field(() => String)
  filingNumber!: string;

  @Field(() => ApplicationStatus)
  status!: ApplicationStatus;

  @Field(() => String, { nullable: true, description: "Por qué quedó fuera de la cola: YA_AFILIADO o SOLICITUD_EN_CURSO" })
  duplicateReason?: string | null;

  @Field(() => ApplicantPerson)
  person!: ApplicantPerson;

  @Field(() => ContactData)
  contact!: ContactData;

  @Field(() => String, { description: "Municipio (código DANE)" })
  municipalityCode!: string;

  @Field(() => Regime)
  regime!: Regime;

  @Field(() => CotizanteKind, { nullable: true })
  cotizanteKind?: CotizanteKind | null;

  @Field(() => String, { nullable: true, description: "NIT del empleador (9 dígitos)" })
  employerNit?: string | null;

  @Field(() => String, { nullable: true })
  sisbenGroup?: string | null;

  @Field(() => [ApplicantBeneficiary], { nullable: true, description: "Beneficiarios que se inscriben con el solicitante (vacío o nulo si ninguno)" })
  beneficiaries?: ApplicantBeneficiary[] | null;

  @Field(() => RequestedFamilyGroup, { nullable: true, description: "Si pide entrar como beneficiario: el grupo del cotizante" })
  joinFamilyGroup?: RequestedFamilyGroup | null;

  @Field(() => Date)
  createdAt!: Date;
}

export const AffiliationApplicationConnection = connectionType("AffiliationApplication", AffiliationApplication);

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
  @Field(() => DocumentType, { description: "Tipo de documento de identidad" })
  documentType!: DocumentType;

  @Field(() => String, { description: "Número de documento de identidad" })
  documentNumber!: string;

  @Field(() => String, { description: "Primer nombre" })
  firstName!: string;

  @Field(() => String, { nullable: true, description: "Segundo nombre" })
  middleName?: string | null;

  @Field(() => String, { description: "Primer apellido" })
  firstSurname!: string;

  @Field(() => String, { nullable: true, description: "Segundo apellido" })
  secondSurname?: string | null;

  @Field(() => LocalDate, { description: "Fecha de nacimiento (AAAA-MM-DD)" })
  birthDate!: string;

  @Field(() => Sex, { description: "Sexo registrado en el documento" })
  sex!: Sex;
}

@ObjectType({ description: "Beneficiario que la solicitud inscribe con el cotizante" })
export class ApplicantBeneficiary {
  @Field(() => ApplicantPerson, { description: "Identificación y datos personales del beneficiario" })
  person!: ApplicantPerson;

  @Field(() => Relationship, { description: "Parentesco del beneficiario con el solicitante (el cotizante)" })
  relationship!: Relationship;

  @Field(() => Boolean, { description: "Tiene incapacidad permanente certificada" })
  permanentDisability!: boolean;

  @Field(() => Boolean, { description: "Depende económicamente del cotizante" })
  economicDependent!: boolean;
}

@ObjectType({ description: "El grupo familiar al que el solicitante pide entrar como beneficiario" })
export class RequestedFamilyGroup {
  @Field(() => DocumentType, { description: "Tipo de documento del cotizante" })
  cotizanteDocumentType!: DocumentType;

  @Field(() => String, { description: "Número de documento del cotizante" })
  cotizanteDocumentNumber!: string;

  @Field(() => Relationship, { description: "Parentesco del solicitante con el cotizante" })
  relationship!: Relationship;

  @Field(() => Boolean, { description: "El solicitante tiene incapacidad permanente certificada" })
  permanentDisability!: boolean;

  @Field(() => Boolean, { description: "El solicitante depende económicamente del cotizante" })
  economicDependent!: boolean;
}

/** A filed application as the reviewing agent sees it. */
@ObjectType({ description: "Solicitud de afiliación, para revisión por un agente" })
export class AffiliationApplication {
  @Field(() => ID, { name: "id", description: "Identificador interno de la solicitud" })
  _id!: string;

  @Field(() => String, { description: "Número de radicado (AF-AAAA-NNNNNNN)" })
  filingNumber!: string;

  @Field(() => ApplicationStatus, { description: "Estado de la solicitud" })
  status!: ApplicationStatus;

  @Field(() => String, { nullable: true, description: "Por qué quedó fuera de la cola: YA_AFILIADO o SOLICITUD_EN_CURSO" })
  duplicateReason?: string | null;

  @Field(() => ApplicantPerson, { description: "Quien solicita la afiliación" })
  person!: ApplicantPerson;

  @Field(() => ContactData, { description: "Datos de contacto del solicitante: por ellos se le responde" })
  contact!: ContactData;

  @Field(() => String, { description: "Municipio (código DANE)" })
  municipalityCode!: string;

  @Field(() => Regime, { description: "Régimen al que pide afiliarse" })
  regime!: Regime;

  @Field(() => CotizanteKind, { nullable: true, description: "Clase de cotizante (cotizantes del contributivo)" })
  cotizanteKind?: CotizanteKind | null;

  @Field(() => String, { nullable: true, description: "NIT del empleador (9 dígitos)" })
  employerNit?: string | null;

  @Field(() => String, { nullable: true, description: "Grupo SISBEN IV declarado (subsidiado; comprobado contra el registro al radicar)" })
  sisbenGroup?: string | null;

  @Field(() => [ApplicantBeneficiary], { nullable: true, description: "Beneficiarios que se inscriben con el solicitante (vacío o nulo si ninguno)" })
  beneficiaries?: ApplicantBeneficiary[] | null;

  @Field(() => RequestedFamilyGroup, { nullable: true, description: "Si pide entrar como beneficiario: el grupo del cotizante" })
  joinFamilyGroup?: RequestedFamilyGroup | null;

  @Field(() => Date, { description: "Fecha y hora de radicación" })
  createdAt!: Date;
}

export const AffiliationApplicationConnection = connectionType("AffiliationApplication", AffiliationApplication, "solicitudes de afiliación");

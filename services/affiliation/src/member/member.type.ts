import { DocumentType, LocalDate } from "@sos/kit";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { AFFILIATION_DETAIL, ANY_RELATION, PERSONAL_DATA, VisibleTo } from "./member.access.js";
import { AffiliationState, CotizanteKind, IncomeBand, MemberType, Regime, Relationship, Sex } from "./member.enums.js";

@ObjectType({ description: "Datos de contacto del afiliado" })
export class ContactData {
  @Field(() => String, { nullable: true, description: "Correo electrónico" })
  email?: string | null;

  @Field(() => String, { nullable: true, description: "Celular (10 dígitos, empieza por 3)" })
  mobile?: string | null;

  @Field(() => String, { nullable: true, description: "Teléfono fijo (10 dígitos: indicativo 60X y 7 dígitos)" })
  landline?: string | null;

  @Field(() => String, { nullable: true, description: "Dirección de residencia" })
  address?: string | null;
}

/**
 * An afiliado of the EPS. Keys: `id`, and `documentType documentNumber` (how clinics and other systems know
 * a person). Every field says who may read it; see member.access.ts.
 */
@Directive(`@key(fields: "id")`)
@Directive(`@key(fields: "documentType documentNumber")`)
@ObjectType({ description: "Afiliado a la EPS S.O.S. (cotizante, beneficiario o adicional)" })
export class Member {
  @Field(() => ID, { name: "id", description: "Identificador del afiliado en la EPS" })
  @VisibleTo(ANY_RELATION)
  _id!: string;

  @Field(() => DocumentType, { description: "Tipo de documento de identidad" })
  @VisibleTo(ANY_RELATION)
  documentType!: DocumentType;

  @Field(() => String, { description: "Número de documento de identidad" })
  @VisibleTo(ANY_RELATION)
  documentNumber!: string;

  @Field(() => String, { description: "Primer nombre" })
  @VisibleTo(ANY_RELATION)
  firstName!: string;

  @Field(() => String, { nullable: true, description: "Segundo nombre" })
  @VisibleTo(ANY_RELATION)
  middleName?: string | null;

  @Field(() => String, { description: "Primer apellido" })
  @VisibleTo(ANY_RELATION)
  firstSurname!: string;

  @Field(() => String, { nullable: true, description: "Segundo apellido" })
  @VisibleTo(ANY_RELATION)
  secondSurname?: string | null;

  @Field(() => LocalDate, { nullable: true, description: "Fecha de nacimiento (AAAA-MM-DD)" })
  @VisibleTo(PERSONAL_DATA)
  birthDate!: string;

  @Field(() => Sex, { nullable: true, description: "Sexo" })
  @VisibleTo(PERSONAL_DATA)
  sex!: Sex;

  @Field(() => ContactData, { nullable: true, description: "Datos de contacto (datos básicos)" })
  @VisibleTo(PERSONAL_DATA)
  contact!: ContactData;

  @Field(() => String, { nullable: true, description: "Municipio de residencia: código DANE de 5 dígitos" })
  @VisibleTo(PERSONAL_DATA)
  municipalityCode!: string;

  @Field(() => Regime, { nullable: true, description: "Régimen: contributivo o subsidiado" })
  @VisibleTo(ANY_RELATION)
  regime!: Regime;

  @Field(() => MemberType, { nullable: true, description: "Tipo de afiliado: cotizante, beneficiario o adicional" })
  @VisibleTo(ANY_RELATION)
  memberType!: MemberType;

  @Field(() => CotizanteKind, { nullable: true, description: "Clase de cotizante (solo cotizantes): dependiente, independiente o pensionado" })
  @VisibleTo(ANY_RELATION)
  cotizanteKind?: CotizanteKind | null;

  @Field(() => AffiliationState, { nullable: true, description: "Estado de la afiliación al PBS" })
  @VisibleTo(ANY_RELATION)
  state!: AffiliationState;

  @Field(() => LocalDate, { nullable: true, description: "Fecha de afiliación a la EPS (AAAA-MM-DD)" })
  @VisibleTo(ANY_RELATION)
  affiliationDate!: string;

  @Field(() => String, { nullable: true, description: "Grupo SISBEN IV (A1–A5, B1–B7, C1–C18, D1–D21)" })
  @VisibleTo(AFFILIATION_DETAIL)
  sisbenGroup?: string | null;

  @Field(() => IncomeBand, { nullable: true, description: "Rango de ingreso del cotizante (categoría A, B o C; solo cotizantes del contributivo)" })
  @VisibleTo(AFFILIATION_DETAIL)
  incomeBand?: IncomeBand | null;

  @Field(() => Relationship, { nullable: true, description: "Parentesco con el cotizante (solo beneficiarios)" })
  @VisibleTo(AFFILIATION_DETAIL)
  relationship?: Relationship | null;

  @Field(() => Boolean, { nullable: true, description: "Tiene incapacidad permanente certificada" })
  @VisibleTo(AFFILIATION_DETAIL)
  permanentDisability?: boolean;
}

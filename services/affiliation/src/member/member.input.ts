import { FitsAge, IsBirthDate, IsDocumentNumberOf, IsKnownMunicipality, DocumentType, LocalDate } from "@sos/kit";
import { IsEmail, IsEnum, IsOptional, Length, Matches, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { Sex } from "./member.enums.js";

const NAME = /^[A-Za-zÁÉÍÓÚÜÑáéíóúüñ' -]+$/;
const NAME_MESSAGE = "Solo letras, espacios, apóstrofo y guion (hasta 60 caracteres).";

/** A person's identity as a form collects it (application, new beneficiary). */
@InputType({ description: "Identificación y datos personales de una persona" })
export class PersonInput {
  @Field(() => DocumentType, { description: "Tipo de documento de identidad (debe corresponder a la edad: RC de 0 a 6 años, TI de 7 a 17, CC desde los 18)" })
  @IsEnum(DocumentType, { message: "El tipo de documento no es válido." })
  @FitsAge("birthDate")
  documentType!: DocumentType;

  @Field(() => String, { description: "Número de documento, sin puntos ni espacios" })
  @IsDocumentNumberOf("documentType")
  documentNumber!: string;

  @Field(() => String, { description: "Primer nombre (letras, espacios, apóstrofo y guion; hasta 60 caracteres)" })
  @Length(1, 60, { message: `Escriba el primer nombre. ${NAME_MESSAGE}` })
  @Matches(NAME, { message: `El primer nombre no es válido. ${NAME_MESSAGE}` })
  firstName!: string;

  @Field(() => String, { nullable: true, description: "Segundo nombre, si lo tiene" })
  @IsOptional()
  @Length(1, 60, { message: `El segundo nombre no es válido. ${NAME_MESSAGE}` })
  @Matches(NAME, { message: `El segundo nombre no es válido. ${NAME_MESSAGE}` })
  middleName?: string | null;

  @Field(() => String, { description: "Primer apellido (letras, espacios, apóstrofo y guion; hasta 60 caracteres)" })
  @Length(1, 60, { message: `Escriba el primer apellido. ${NAME_MESSAGE}` })
  @Matches(NAME, { message: `El primer apellido no es válido. ${NAME_MESSAGE}` })
  firstSurname!: string;

  @Field(() => String, { nullable: true, description: "Segundo apellido, si lo tiene" })
  @IsOptional()
  @Length(1, 60, { message: `El segundo apellido no es válido. ${NAME_MESSAGE}` })
  @Matches(NAME, { message: `El segundo apellido no es válido. ${NAME_MESSAGE}` })
  secondSurname?: string | null;

  @Field(() => LocalDate, { description: "Fecha de nacimiento (AAAA-MM-DD)" })
  @IsBirthDate()
  birthDate!: string;

  @Field(() => Sex, { description: "Sexo registrado en el documento" })
  @IsEnum(Sex, { message: "El sexo no es válido." })
  sex!: Sex;
}

export const MOBILE = /^3\d{9}$/;
export const LANDLINE = /^60[1-8]\d{7}$/;

/** Datos básicos a member may update; omitted fields stay as they are, null clears an optional one. */
@InputType({ description: "Actualización de datos básicos: solo cambian los campos enviados" })
export class UpdateContactDataInput {
  @Field(() => ID, { nullable: true, description: "Afiliado a actualizar (solo agentes o el cotizante de un beneficiario); por defecto, usted" })
  @IsOptional()
  memberId?: string;

  @Field(() => String, { nullable: true, description: "Correo electrónico (hasta 120 caracteres); null lo borra" })
  @IsOptional()
  @MaxLength(120, { message: "El correo electrónico es demasiado largo." })
  @IsEmail({}, { message: "El correo electrónico no es válido." })
  email?: string | null;

  @Field(() => String, { nullable: true, description: "Celular: 10 dígitos que empiezan por 3" })
  @IsOptional()
  @Matches(MOBILE, { message: "El celular debe tener 10 dígitos y empezar por 3 (p. ej. 3151234567)." })
  mobile?: string | null;

  @Field(() => String, { nullable: true, description: "Teléfono fijo: 60 + indicativo + 7 dígitos (p. ej. 6024898686)" })
  @IsOptional()
  @Matches(LANDLINE, { message: "El teléfono fijo debe tener 10 dígitos: 60, el indicativo y 7 dígitos (p. ej. 6024898686)." })
  landline?: string | null;

  @Field(() => String, { nullable: true, description: "Dirección de residencia (5 a 160 caracteres); null la borra" })
  @IsOptional()
  @Length(5, 160, { message: "La dirección debe tener entre 5 y 160 caracteres." })
  address?: string | null;

  @Field(() => String, { nullable: true, description: "Municipio de residencia (código DANE)" })
  @IsOptional()
  @IsKnownMunicipality()
  municipalityCode?: string;

  @Field(() => ID, { nullable: true, description: "Soporte del cambio, si lo hay: el uploadId de requestContactDocumentUpload (un documento del mismo afiliado)" })
  @IsOptional()
  supportDocumentId?: string | null;
}

@InputType({ description: "Cambio de IPS primaria" })
export class ChangePrimaryIpsInput {
  @Field(() => ID, { nullable: true, description: "Afiliado (solo agentes o el cotizante de un beneficiario); por defecto, usted" })
  @IsOptional()
  memberId?: string;

  @Field(() => String, { description: "Código de habilitación de la nueva IPS primaria" })
  @Matches(/^\d{12}$/, { message: "El código de habilitación de la IPS debe tener 12 dígitos." })
  ipsCode!: string;
}

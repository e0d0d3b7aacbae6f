import { DocumentType, IsBirthDate, IsDocumentNumberOf, LocalDate } from "@sos/kit";
import { IsEmail, IsEnum, IsOptional, Length, Matches, MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";

const EMAIL_MESSAGE = "El correo electrónico no es válido.";

@InputType({ description: "Registro de un afiliado en la Oficina Virtual: sus datos deben coincidir con su afiliación" })
export class RegisterMemberInput {
  @Field(() => DocumentType, { description: "Tipo de documento de identidad del afiliado" })
  @IsEnum(DocumentType, { message: "El tipo de documento no es válido." })
  documentType!: DocumentType;

  @Field(() => String, { description: "Número de documento, sin puntos ni espacios" })
  @IsDocumentNumberOf("documentType")
  documentNumber!: string;

  @Field(() => LocalDate, { description: "Fecha de nacimiento (AAAA-MM-DD)" })
  @IsBirthDate()
  birthDate!: string;

  @Field(() => String, { description: "El correo electrónico registrado en su afiliación: allí llega el código" })
  @MaxLength(120, { message: EMAIL_MESSAGE })
  @IsEmail({}, { message: EMAIL_MESSAGE })
  email!: string;

  @Field(() => String, { description: "Contraseña: de 10 a 128 caracteres; una frase larga es más segura que símbolos" })
  @Length(1, 128, { message: "Escriba una contraseña de 10 a 128 caracteres." })
  password!: string;
}

@InputType({ description: "Confirmación del correo con el código recibido" })
export class ConfirmEmailInput {
  @Field(() => String, { description: "El correo con que se registró" })
  @MaxLength(120, { message: EMAIL_MESSAGE })
  @IsEmail({}, { message: EMAIL_MESSAGE })
  email!: string;

  @Field(() => String, { description: "Código de 6 dígitos" })
  @Matches(/^\d{6}$/, { message: "El código tiene 6 dígitos." })
  code!: string;

  @Field(() => String, { description: "La contraseña que eligió al registrarse" })
  @Length(1, 128, { message: "Escriba la contraseña que eligió al registrarse." })
  password!: string;
}

@InputType({ description: "Inicio de sesión con correo y contraseña" })
export class LoginInput {
  @Field(() => String, { description: "Correo electrónico de la cuenta" })
  @MaxLength(120, { message: EMAIL_MESSAGE })
  @IsEmail({}, { message: EMAIL_MESSAGE })
  email!: string;

  @Field(() => String, { description: "Contraseña" })
  @Length(1, 128, { message: "Escriba su contraseña." })
  password!: string;

  @Field(() => String, { nullable: true, description: "Perfil con el que actuar (MEMBER, EMPLOYER, …) si la cuenta tiene varios; por defecto, el primero" })
  @IsOptional()
  @Matches(/^[A-Z]{3,10}$/, { message: "El perfil no es válido." })
  profile?: string | null;
}

@InputType({ description: "Registro del contacto de nómina de un empleador: el NIT y el correo registrados ante la EPS" })
export class RegisterEmployerInput {
  @Field(() => String, { description: "NIT con dígito de verificación (p. ej. 900123456-8)" })
  @Length(9, 15, { message: "El NIT no es válido: escriba los 9 dígitos y el dígito de verificación." })
  nit!: string;

  @Field(() => String, { description: "El correo del contacto de nómina registrado ante la EPS: allí llega el código" })
  @MaxLength(120, { message: EMAIL_MESSAGE })
  @IsEmail({}, { message: EMAIL_MESSAGE })
  email!: string;

  @Field(() => String, { description: "Contraseña nueva, o la de su cuenta si ya tiene una (p. ej. como afiliado)" })
  @Length(1, 128, { message: "Escriba una contraseña de 10 a 128 caracteres." })
  password!: string;
}

@InputType({ description: "Renovación de la sesión con el token de renovación (se entrega uno nuevo cada vez)" })
export class RefreshSessionInput {
  @Field(() => String, { description: "El último token de renovación recibido (cada uno sirve una sola vez)" })
  @Length(20, 200, { message: "El token de renovación no es válido." })
  refreshToken!: string;

  @Field(() => String, { nullable: true, description: "Perfil con el que actuar (p. ej. EMPLOYER), si la cuenta tiene varios" })
  @IsOptional()
  @Matches(/^[A-Z]{3,10}$/, { message: "El perfil no es válido." })
  profile?: string | null;
}

@InputType({ description: "Nueva contraseña con el código recibido por correo" })
export class ResetPasswordInput {
  @Field(() => String, { description: "Correo electrónico de la cuenta" })
  @MaxLength(120, { message: EMAIL_MESSAGE })
  @IsEmail({}, { message: EMAIL_MESSAGE })
  email!: string;

  @Field(() => String, { description: "Código de 6 dígitos" })
  @Matches(/^\d{6}$/, { message: "El código tiene 6 dígitos." })
  code!: string;

  @Field(() => String, { description: "Contraseña nueva: de 10 a 128 caracteres" })
  @Length(1, 128, { message: "Escriba una contraseña de 10 a 128 caracteres." })
  newPassword!: string;
}

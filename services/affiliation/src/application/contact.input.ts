import { IsEmail, IsOptional, Length, Matches, MaxLength, ValidateIf } from "class-validator";
import { Field, InputType } from "type-graphql";
import { LANDLINE, MOBILE } from "../member/member.input.js";

/** How to reach an applicant: an e-mail or a mobile at least. */
@InputType({ description: "Datos de contacto de quien solicita (correo o celular como mínimo)" })
export class ContactInput {
  @Field(() => String, { nullable: true, description: "Correo electrónico (obligatorio si no da celular; hasta 120 caracteres)" })
  @ValidateIf((contact: ContactInput) => !contact.mobile || !!contact.email)
  @MaxLength(120, { message: "El correo electrónico es demasiado largo." })
  @IsEmail({}, { message: "Escriba un correo electrónico válido, o un celular." })
  email?: string | null;

  @Field(() => String, { nullable: true, description: "Celular: 10 dígitos que empiezan por 3 (obligatorio si no da correo)" })
  @IsOptional()
  @Matches(MOBILE, { message: "El celular debe tener 10 dígitos y empezar por 3 (p. ej. 3151234567)." })
  mobile?: string | null;

  @Field(() => String, { nullable: true, description: "Teléfono fijo: 60 + indicativo + 7 dígitos (p. ej. 6024898686)" })
  @IsOptional()
  @Matches(LANDLINE, { message: "El teléfono fijo debe tener 10 dígitos: 60, el indicativo y 7 dígitos (p. ej. 6024898686)." })
  landline?: string | null;

  @Field(() => String, { nullable: true, description: "Dirección de residencia (5 a 160 caracteres)" })
  @IsOptional()
  @Length(5, 160, { message: "La dirección debe tener entre 5 y 160 caracteres." })
  address?: string | null;
}

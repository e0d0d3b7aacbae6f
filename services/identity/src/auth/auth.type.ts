import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({ description: "Un perfil con el que la cuenta puede actuar" })
export class AccountProfile {
  @Field(() => String, { description: "Rol: MEMBER, EMPLOYER, AGENT, ANALYST, AUDITOR, ADMIN" })
  role!: string;

  @Field(() => ID, { nullable: true, description: "Afiliado (perfil MEMBER)" })
  memberId?: string | null;

  @Field(() => String, { nullable: true, description: "NIT del empleador (perfil EMPLOYER)" })
  employerNit?: string | null;
}

@ObjectType({ description: "Sesión iniciada: el token de acceso (corto) y el de renovación (se cambia en cada uso)" })
export class Session {
  @Field(() => String, { description: "Token de acceso: va en la cabecera Authorization: Bearer <token>" })
  accessToken!: string;

  @Field(() => Date, { description: "Cuándo vence el token de acceso" })
  expiresAt!: Date;

  @Field(() => String, { description: "Token de renovación: con refreshSession da una sesión nueva; guárdelo como un secreto" })
  refreshToken!: string;

  @Field(() => AccountProfile, { description: "El perfil de esta sesión" })
  profile!: AccountProfile;

  @Field(() => [AccountProfile], { description: "Todos los perfiles de la cuenta (para elegir con refreshSession)" })
  profiles!: AccountProfile[];
}

@ObjectType({ description: "Constancia de una solicitud que no revela si hay una cuenta o una afiliación" })
export class Receipt {
  @Field(() => String, { description: "Qué sigue, para mostrar al usuario (el mismo texto en todos los casos)" })
  message!: string;
}

@ObjectType({ description: "La cuenta con la que se inició sesión" })
export class Account {
  @Field(() => ID, { description: "Identificador de la cuenta" })
  id!: string;

  @Field(() => String, { description: "Correo electrónico con que se inicia sesión" })
  email!: string;

  @Field(() => String, { description: "PENDIENTE, ACTIVA o DESHABILITADA" })
  status!: string;

  @Field(() => [AccountProfile], { description: "Perfiles con los que la cuenta puede actuar" })
  profiles!: AccountProfile[];
}

import { DocumentType, connectionType } from "@sos/kit";
import { Field, ObjectType } from "type-graphql";
import { Ips } from "../ips/ips.type.js";
import { AffiliationState, Regime } from "./member.enums.js";
import { Member } from "./member.type.js";

export const MemberConnection = connectionType("Member", Member, "afiliados");

@ObjectType({ description: "Una asignación de IPS primaria en la historia del afiliado" })
export class PrimaryIpsAssignment {
  @Field(() => Ips, { description: "IPS primaria asignada en ese periodo" })
  ips!: Ips;

  @Field(() => Date, { description: "Desde cuándo" })
  since!: Date;

  @Field(() => Date, { nullable: true, description: "Hasta cuándo (vacío si es la actual)" })
  until!: Date | null;
}

@ObjectType({ description: "IPS de la red primaria que el afiliado puede elegir en su municipio" })
export class PrimaryCareOption {
  @Field(() => Ips, { description: "La IPS (dirección, teléfono, horario y servicios en el directorio)" })
  ips!: Ips;

  @Field(() => String, { description: "Nombre de la IPS" })
  name!: string;

  @Field(() => String, { description: "Municipio (código DANE)" })
  municipalityCode!: string;

  @Field(() => Boolean, { description: "Es la IPS primaria actual del afiliado" })
  current!: boolean;
}

/**
 * Comprobación mínima de derechos para una IPS ante la que se presenta un paciente: solo estado, régimen e
 * IPS primaria, nada más del afiliado.
 */
@ObjectType({ description: "Comprobación de derechos: estado, régimen e IPS primaria de una persona" })
export class RightsCheck {
  @Field(() => DocumentType, { description: "Tipo de documento consultado" })
  documentType!: DocumentType;

  @Field(() => String, { description: "Número de documento consultado" })
  documentNumber!: string;

  @Field(() => Boolean, { description: "La persona está afiliada a S.O.S." })
  affiliated!: boolean;

  @Field(() => Boolean, { description: "Tiene derecho a servicios de salud hoy (activo o en protección laboral)" })
  entitled!: boolean;

  @Field(() => AffiliationState, { nullable: true, description: "Estado de la afiliación al PBS (vacío si no está afiliada)" })
  state!: AffiliationState | null;

  @Field(() => Regime, { nullable: true, description: "Régimen: contributivo o subsidiado (vacío si no está afiliada)" })
  regime!: Regime | null;

  @Field(() => Ips, { nullable: true, description: "IPS primaria asignada" })
  primaryIps!: Ips | null;
}

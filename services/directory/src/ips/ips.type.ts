import { connectionType } from "@sos/kit";
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { IpsNature, IpsNetwork } from "./ips.model.js";

registerEnumType(IpsNetwork, {
  name: "IpsNetwork",
  description: "Red a la que pertenece la IPS",
  valuesConfig: {
    PRIMARY: { description: "Red primaria: puede ser IPS primaria de un afiliado" },
    EMERGENCY: { description: "Atiende urgencias" },
    PAC: { description: "Red del plan complementario (PAC)" },
  },
});
registerEnumType(IpsNature, {
  name: "IpsNature",
  description: "Naturaleza jurídica de la IPS",
  valuesConfig: {
    PUBLICA: { description: "Pública" },
    PRIVADA: { description: "Privada" },
    MIXTA: { description: "Mixta" },
  },
});

@ObjectType({ description: "Ubicación geográfica (WGS 84)" })
export class GeoPoint {
  @Field(() => Number, { description: "Latitud en grados (-90 a 90)" })
  latitude!: number;

  @Field(() => Number, { description: "Longitud en grados (-180 a 180)" })
  longitude!: number;
}

@ObjectType({ description: "Horario de un día de la semana, hora de Colombia" })
export class OpeningHours {
  @Field(() => Int, { description: "0 = domingo … 6 = sábado" })
  weekday!: number;

  @Field(() => String, { description: "Apertura, HH:MM" })
  opens!: string;

  @Field(() => String, { description: "Cierre, HH:MM (24:00 = hasta la medianoche)" })
  closes!: string;
}

@ObjectType({ description: "Servicio habilitado (código REPS)" })
export class IpsService {
  @Field(() => String, { description: "Código del servicio en el REPS (3 o 4 dígitos, p. ej. 342)" })
  code!: string;

  @Field(() => String, { description: "Nombre del servicio" })
  name!: string;
}

@ObjectType({ description: "Cómo pedir una cita en la IPS (Portales de citas médicas)" })
export class Booking {
  @Field(() => String, { nullable: true, description: "Portal web de citas" })
  url!: string | null;

  @Field(() => String, { nullable: true, description: "Línea de citas" })
  phone!: string | null;
}

/** A clinic: the directory is where every subgraph's Ips reference is answered. */
@Directive(`@key(fields: "habilitationCode")`)
@ObjectType({ description: "Institución prestadora de servicios de salud (IPS)" })
export class Ips {
  @Field(() => ID, { name: "habilitationCode", description: "Código de habilitación REPS (12 dígitos: DANE, consecutivo, sede)" })
  _id!: string;

  @Field(() => String, { description: "Nombre de la IPS" })
  name!: string;

  @Field(() => String, { description: "NIT sin dígito de verificación" })
  nit!: string;

  @Field(() => IpsNature, { description: "Naturaleza jurídica: pública, privada o mixta" })
  nature!: IpsNature;

  @Field(() => Int, { description: "Nivel de complejidad (1 a 4)" })
  level!: number;

  @Field(() => String, { description: "Código DANE del municipio" })
  municipalityCode!: string;

  @Field(() => String, { description: "Dirección de la sede" })
  address!: string;

  @Field(() => String, { description: "Teléfono de la sede" })
  phone!: string;

  @Field(() => [IpsNetwork], { description: "Redes de S.O.S. a las que pertenece: primaria, urgencias, PAC" })
  networks!: IpsNetwork[];

  @Field(() => [IpsService], { description: "Servicios habilitados" })
  services!: IpsService[];

  @Field(() => Boolean, { description: "Contrato vigente con S.O.S." })
  active!: boolean;

  @Field(() => Booking, { nullable: true, description: "Cómo pedir cita (portal o línea); vacío si la IPS no agenda citas por estos medios" })
  booking!: Booking | null;
}

@ObjectType({ description: "Una sala de urgencias cercana" })
export class EmergencyRoom {
  @Field(() => Ips, { description: "La IPS con servicio de urgencias" })
  ips!: Ips;

  @Field(() => Int, { description: "Distancia en línea recta, en metros" })
  distanceMeters!: number;

  @Field(() => Boolean, { description: "Abierta en el momento consultado (hora de Colombia, festivos incluidos)" })
  openNow!: boolean;
}

export const IpsConnection = connectionType("Ips", Ips, "IPS");

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
registerEnumType(IpsNature, { name: "IpsNature", description: "Naturaleza jurídica de la IPS" });

@ObjectType({ description: "Ubicación geográfica (WGS 84)" })
export class GeoPoint {
  @Field(() => Number)
  latitude!: number;

  @Field(() => Number)
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
  @Field(() => String)
  code!: string;

  @Field(() => String)
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

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "NIT sin dígito de verificación" })
  nit!: string;

  @Field(() => IpsNature)
  nature!: IpsNature;

  @Field(() => Int, { description: "Nivel de complejidad (1 a 4)" })
  level!: number;

  @Field(() => String, { description: "Código DANE del municipio" })
  municipalityCode!: string;

  @Field(() => String)
  address!: string;

  @Field(() => String)
  phone!: string;

  @Field(() => [IpsNetwork])
  networks!: IpsNetwork[];

  @Field(() => [IpsService], { description: "Servicios habilitados" })
  services!: IpsService[];

  @Field(() => Boolean, { description: "Contrato vigente con S.O.S." })
  active!: boolean;

  @Field(() => Booking, { nullable: true })
  booking!: Booking | null;
}

@ObjectType({ description: "Una sala de urgencias cercana" })
export class EmergencyRoom {
  @Field(() => Ips)
  ips!: Ips;

  @Field(() => Int, { description: "Distancia en línea recta, en metros" })
  distanceMeters!: number;

  @Field(() => Boolean, { description: "Abierta en el momento consultado (hora de Colombia, festivos incluidos)" })
  openNow!: boolean;
}

export const IpsConnection = connectionType("Ips", Ips);

import { Field, Int, ObjectType } from "type-graphql";
import { OpeningHours } from "../ips/ips.type.js";

@ObjectType({ description: "Una opción del menú telefónico" })
export class PhoneMenuOption {
  @Field(() => Int, { description: "Número que se marca" })
  option!: number;

  @Field(() => String, { description: "A qué lleva la opción" })
  description!: string;
}

@ObjectType({ description: "Cómo llamar a S.O.S. desde un municipio" })
export class PhoneLines {
  @Field(() => String, { description: "Línea nacional gratuita, 24 horas" })
  national!: string;

  @Field(() => String, { description: "Línea del plan complementario (PAC)" })
  pac!: string;

  @Field(() => String, { nullable: true, description: "Línea de la ciudad (si el municipio tiene una)" })
  city!: string | null;

  @Field(() => [PhoneMenuOption], { description: "Opciones del menú" })
  menu!: PhoneMenuOption[];

  @Field(() => [OpeningHours], { description: "Horario de atención de los asesores (el menú atiende 24/7)" })
  agentHours!: OpeningHours[];
}

@ObjectType({ description: "Oficina de atención al afiliado" })
export class Office {
  @Field(() => String, { description: "Identificador de la oficina (p. ej. cali-norte)" })
  id!: string;

  @Field(() => String, { description: "Nombre de la oficina" })
  name!: string;

  @Field(() => String, { description: "Código DANE del municipio" })
  municipalityCode!: string;

  @Field(() => String, { description: "Dirección" })
  address!: string;

  @Field(() => [OpeningHours], { description: "Horario por día de la semana, hora de Colombia (cerrada en festivos)" })
  hours!: OpeningHours[];

  @Field(() => Boolean, { description: "Abierta en el momento consultado (hora de Colombia, festivos: cerrada)" })
  openNow!: boolean;
}

import { connectionType } from "@sos/kit";
import { Field, ID, ObjectType } from "type-graphql";
import { Ips, OpeningHours } from "../ips/ips.type.js";

@ObjectType({ description: "Sede donde atiende un médico del PAC" })
export class PacDoctorSite {
  @Field(() => Ips, { nullable: true, description: "La IPS de la sede" })
  ips!: Ips | null;

  @Field(() => String, { description: "Código DANE del municipio" })
  municipalityCode!: string;

  @Field(() => [OpeningHours], { description: "Horario del médico en esa sede" })
  hours!: OpeningHours[];
}

@ObjectType({ description: "Médico del directorio del plan complementario (PAC)" })
export class PacDoctor {
  @Field(() => ID, { name: "id", description: "Identificador del médico en el directorio" })
  _id!: string;

  @Field(() => String, { description: "Nombre completo" })
  fullName!: string;

  @Field(() => String, { description: "Especialidad (una de pacSpecialties)" })
  specialty!: string;
}

export const PacDoctorConnection = connectionType("PacDoctor", PacDoctor, "médicos del PAC");

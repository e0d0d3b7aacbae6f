import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({ description: "Solicitud de afiliación radicada, pendiente de revisión" })
export class AffiliationApplication {
  @Field(() => ID, { name: "id" })
  _id!: string;

  @Field(() => String, { description: "Número de radicado (AF-AAAA-NNNNNNN): consérvelo para consultar su solicitud" })
  filingNumber!: string;

  @Field(() => String, { description: "Estado: RADICADA, APROBADA o RECHAZADA" })
  status!: string;

  @Field(() => Date, { description: "Fecha y hora de radicación" })
  createdAt!: Date;
}

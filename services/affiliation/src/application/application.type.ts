import { Field, ObjectType } from "type-graphql";

/**
 * What the applicant gets back. Deliberately the same whether the application entered the review queue
 * or not (the person may already be a member): an anonymous caller must not learn who is affiliated.
 * The outcome reaches the applicant through the contact data they gave.
 */
@ObjectType({ description: "Constancia de recepción de una solicitud de afiliación" })
export class AffiliationApplicationReceipt {
  @Field(() => String, { description: "Número de radicado (AF-AAAA-NNNNNNN): consérvelo para consultar su solicitud" })
  filingNumber!: string;

  @Field(() => Date, { description: "Fecha y hora de recepción" })
  receivedAt!: Date;

  @Field(() => String, { description: "Qué sigue, para mostrar al solicitante" })
  message!: string;
}

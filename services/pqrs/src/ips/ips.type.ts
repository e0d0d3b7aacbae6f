import { Directive, Field, ID, ObjectType } from "type-graphql";

/** A clinic (IPS), owned by the directory subgraph: here only its key. */
@Directive(`@key(fields: "habilitationCode", resolvable: false)`)
@ObjectType({ description: "Institución prestadora de servicios de salud (IPS)" })
export class Ips {
  @Field(() => ID, { description: "Código de habilitación REPS (12 dígitos: DANE, consecutivo, sede)" })
  habilitationCode!: string;
}

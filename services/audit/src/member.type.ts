import { Directive, Field, ID, ObjectType } from "type-graphql";

/** The affiliation subgraph's member, extended here with who read their data. Only the key lives here. */
@Directive(`@key(fields: "id")`)
@ObjectType({ description: "Afiliado a la EPS S.O.S. (cotizante, beneficiario o adicional)" })
export class Member {
  @Field(() => ID)
  id!: string;
}

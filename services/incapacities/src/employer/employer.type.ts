import { Directive, Field, ID, ObjectType } from "type-graphql";

/** The affiliation subgraph's employer (aportante), extended here with its dependents' incapacities. */
@Directive(`@key(fields: "nit")`)
@ObjectType({ description: "Empleador (aportante)" })
export class Employer {
  @Field(() => ID, { description: "NIT: los 9 dígitos, sin dígito de verificación" })
  nit!: string;
}

import { Directive, Field, ID, ObjectType } from "type-graphql";

@Directive(`@key(fields: "nit")`)
@ObjectType({ description: "Empleador (aportante) identificado con NIT" })
export class Employer {
  @Field(() => ID, { name: "nit", description: "NIT: los 9 dígitos, sin dígito de verificación" })
  _id!: string;

  @Field(() => String, { description: "Razón social" })
  name!: string;

  @Field(() => String, { description: "Municipio del domicilio: código DANE de 5 dígitos" })
  municipalityCode!: string;
}

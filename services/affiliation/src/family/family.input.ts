import { IsBoolean, IsEnum, IsOptional, ValidateNested } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { Relationship } from "../member/member.enums.js";
import { PersonInput } from "../member/member.input.js";

@InputType({ description: "Inscripción de un beneficiario en el grupo familiar del cotizante" })
export class AddBeneficiaryInput {
  @Field(() => ID, { nullable: true, description: "Cotizante (solo agentes); por defecto, usted" })
  @IsOptional()
  cotizanteId?: string;

  @Field(() => PersonInput)
  @ValidateNested()
  person!: PersonInput;

  @Field(() => Relationship)
  @IsEnum(Relationship, { message: "El parentesco no es válido." })
  relationship!: Relationship;

  @Field(() => Boolean, { defaultValue: false, description: "Tiene incapacidad permanente certificada" })
  @IsBoolean({ message: "Indique si tiene incapacidad permanente (sí o no)." })
  permanentDisability!: boolean;

  @Field(() => Boolean, { defaultValue: false, description: "Depende económicamente del cotizante" })
  @IsBoolean({ message: "Indique si depende económicamente del cotizante (sí o no)." })
  economicDependent!: boolean;
}

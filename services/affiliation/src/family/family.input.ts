import { IsBoolean, IsEnum, IsMongoId, IsOptional, ValidateNested } from "class-validator";
import { Field, ID, InputType, registerEnumType } from "type-graphql";
import { Relationship } from "../member/member.enums.js";
import { PersonInput } from "../member/member.input.js";

/** A beneficiary as a form describes them: who, and why they may be one (family.rules). */
@InputType({ description: "Un beneficiario: la persona, su parentesco con el cotizante y su situación" })
export class BeneficiaryInput {
  @Field(() => PersonInput, { description: "Identificación y datos personales del beneficiario" })
  @ValidateNested()
  person!: PersonInput;

  @Field(() => Relationship, { description: "Parentesco del beneficiario con el cotizante" })
  @IsEnum(Relationship, { message: "El parentesco no es válido." })
  relationship!: Relationship;

  @Field(() => Boolean, { defaultValue: false, description: "Tiene incapacidad permanente certificada" })
  @IsBoolean({ message: "Indique si tiene incapacidad permanente (sí o no)." })
  permanentDisability!: boolean;

  @Field(() => Boolean, { defaultValue: false, description: "Depende económicamente del cotizante" })
  @IsBoolean({ message: "Indique si depende económicamente del cotizante (sí o no)." })
  economicDependent!: boolean;
}

@InputType({ description: "Inscripción de un beneficiario en el grupo familiar del cotizante" })
export class AddBeneficiaryInput extends BeneficiaryInput {
  @Field(() => ID, { nullable: true, description: "Cotizante (solo agentes); por defecto, usted" })
  @IsOptional()
  cotizanteId?: string;
}

export enum BeneficiaryRetirementReason {
  SOLICITUD_DEL_COTIZANTE = "SOLICITUD_DEL_COTIZANTE",
  PERDIO_DEPENDENCIA_ECONOMICA = "PERDIO_DEPENDENCIA_ECONOMICA",
  CUMPLIO_LIMITE_DE_EDAD = "CUMPLIO_LIMITE_DE_EDAD",
  FALLECIMIENTO = "FALLECIMIENTO",
}
registerEnumType(BeneficiaryRetirementReason, {
  name: "BeneficiaryRetirementReason",
  description: "Motivo del retiro de un beneficiario",
  valuesConfig: {
    SOLICITUD_DEL_COTIZANTE: { description: "El cotizante pidió retirarlo del grupo familiar" },
    PERDIO_DEPENDENCIA_ECONOMICA: { description: "Dejó de depender económicamente del cotizante" },
    CUMPLIO_LIMITE_DE_EDAD: { description: "Hijo(a) que cumplió 25 años sin incapacidad permanente" },
    FALLECIMIENTO: { description: "Fallecimiento del beneficiario: queda como afiliado fallecido" },
  },
});

@InputType({ description: "Retiro de un beneficiario del grupo familiar" })
export class RetireBeneficiaryInput {
  @Field(() => ID, { description: "Beneficiario a retirar" })
  @IsMongoId({ message: "El identificador del beneficiario no es válido." })
  memberId!: string;

  @Field(() => BeneficiaryRetirementReason, { description: "Motivo del retiro" })
  @IsEnum(BeneficiaryRetirementReason, { message: "El motivo del retiro no es válido." })
  reason!: BeneficiaryRetirementReason;
}

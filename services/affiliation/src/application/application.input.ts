import { IsKnownMunicipality, IsNit } from "@sos/kit";
import { DocumentType, IsDocumentNumberOf } from "@sos/kit";
import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, Matches, ValidateIf, ValidateNested } from "class-validator";
import { Field, InputType } from "type-graphql";
import { BeneficiaryInput } from "../family/family.input.js";
import { CotizanteKind, Regime, Relationship, SISBEN_GROUP } from "../member/member.enums.js";
import { PersonInput } from "../member/member.input.js";
import { ContactInput } from "./contact.input.js";

/** The most beneficiaries one application brings: a spouse and children, or both parents, with room. */
export const MAX_APPLICATION_BENEFICIARIES = 8;

@InputType({ description: "Afiliarse como beneficiario en el grupo familiar de un cotizante de S.O.S." })
export class JoinFamilyGroupInput {
  @Field(() => DocumentType, { description: "Tipo de documento del cotizante" })
  @IsEnum(DocumentType, { message: "El tipo de documento del cotizante no es válido." })
  cotizanteDocumentType!: DocumentType;

  @Field(() => String, { description: "Número de documento del cotizante" })
  @IsDocumentNumberOf("cotizanteDocumentType")
  cotizanteDocumentNumber!: string;

  @Field(() => Relationship, { description: "Parentesco del solicitante con el cotizante" })
  @IsEnum(Relationship, { message: "El parentesco no es válido." })
  relationship!: Relationship;

  @Field(() => Boolean, { defaultValue: false, description: "Tiene incapacidad permanente certificada" })
  @IsBoolean({ message: "Indique si tiene incapacidad permanente (sí o no)." })
  permanentDisability!: boolean;

  @Field(() => Boolean, { defaultValue: false, description: "Depende económicamente del cotizante" })
  @IsBoolean({ message: "Indique si depende económicamente del cotizante (sí o no)." })
  economicDependent!: boolean;
}

@InputType({ description: "Solicitud «Quiero afiliarme» de una persona que aún no está afiliada" })
export class AffiliationApplicationInput {
  @Field(() => PersonInput, { description: "Identificación y datos personales del solicitante" })
  @ValidateNested()
  person!: PersonInput;

  @Field(() => ContactInput, { description: "Cómo contactar al solicitante (correo o celular como mínimo): por ahí recibe la respuesta" })
  @ValidateNested()
  contact!: ContactInput;

  @Field(() => String, { description: "Municipio de residencia (código DANE)" })
  @IsKnownMunicipality()
  municipalityCode!: string;

  @Field(() => Regime, { description: "Régimen: contributivo, o subsidiado con grupo SISBEN IV A, B o C" })
  @IsEnum(Regime, { message: "El régimen no es válido." })
  regime!: Regime;

  @Field(() => CotizanteKind, { nullable: true, description: "Obligatorio para quien se afilia como cotizante del régimen contributivo" })
  @ValidateIf((input: AffiliationApplicationInput) => input.regime === Regime.CONTRIBUTIVO && !input.joinFamilyGroup)
  @IsEnum(CotizanteKind, { message: "En el régimen contributivo indique si es dependiente, independiente o pensionado." })
  cotizanteKind?: CotizanteKind | null;

  @Field(() => String, { nullable: true, description: "NIT del empleador con dígito de verificación (obligatorio para dependientes)" })
  @ValidateIf((input: AffiliationApplicationInput) => input.cotizanteKind === CotizanteKind.DEPENDIENTE || !!input.employerNit)
  @IsNit()
  employerNit?: string | null;

  @Field(() => String, { nullable: true, description: "Grupo SISBEN IV (obligatorio en el subsidiado: A, B o C)" })
  @ValidateIf((input: AffiliationApplicationInput) => input.regime === Regime.SUBSIDIADO || !!input.sisbenGroup)
  @Matches(SISBEN_GROUP, { message: "El grupo SISBEN IV no es válido (A1–A5, B1–B7, C1–C18, D1–D21)." })
  sisbenGroup?: string | null;

  @Field(() => [BeneficiaryInput], {
    nullable: true,
    description: `Grupo familiar que se inscribe con el cotizante (a lo sumo ${MAX_APPLICATION_BENEFICIARIES}), con las reglas de beneficiarios de addBeneficiary`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_APPLICATION_BENEFICIARIES, { message: `Se aceptan hasta ${MAX_APPLICATION_BENEFICIARIES} beneficiarios por solicitud.` })
  @ValidateNested()
  beneficiaries?: BeneficiaryInput[] | null;

  @Field(() => JoinFamilyGroupInput, {
    nullable: true,
    description: "Para afiliarse como beneficiario de un cotizante de S.O.S. (en lugar de como cotizante): toma el régimen y la IPS primaria del grupo",
  })
  @IsOptional()
  @ValidateNested()
  joinFamilyGroup?: JoinFamilyGroupInput | null;
}

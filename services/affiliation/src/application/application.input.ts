import { IsKnownMunicipality, IsNit } from "@sos/kit";
import { IsEnum, Matches, ValidateIf, ValidateNested } from "class-validator";
import { Field, InputType } from "type-graphql";
import { CotizanteKind, Regime, SISBEN_GROUP } from "../member/member.enums.js";
import { PersonInput } from "../member/member.input.js";
import { ContactInput } from "./contact.input.js";

@InputType({ description: "Solicitud «Quiero afiliarme» de una persona que aún no está afiliada" })
export class AffiliationApplicationInput {
  @Field(() => PersonInput)
  @ValidateNested()
  person!: PersonInput;

  @Field(() => ContactInput)
  @ValidateNested()
  contact!: ContactInput;

  @Field(() => String, { description: "Municipio de residencia (código DANE)" })
  @IsKnownMunicipality()
  municipalityCode!: string;

  @Field(() => Regime)
  @IsEnum(Regime, { message: "El régimen no es válido." })
  regime!: Regime;

  @Field(() => CotizanteKind, { nullable: true, description: "Obligatorio en el régimen contributivo" })
  @ValidateIf((input: AffiliationApplicationInput) => input.regime === Regime.CONTRIBUTIVO)
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
}

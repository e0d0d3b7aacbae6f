import { Field, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { IsEnum, IsOptional, ArrayMaxSize, ArrayMinSize } from "class-validator";
import { IsKnownMunicipality } from "@sos/kit";
import { AffiliationState, CotizanteKind, MemberType, Regime, Sex } from "../member/member.enums.js";

export enum AffiliationDimension {
  REGIME = "REGIME",
  STATE = "STATE",
  MEMBER_TYPE = "MEMBER_TYPE",
  COTIZANTE_KIND = "COTIZANTE_KIND",
  SEX = "SEX",
  DEPARTMENT = "DEPARTMENT",
  MUNICIPALITY = "MUNICIPALITY",
}
registerEnumType(AffiliationDimension, {
  name: "AffiliationDimension",
  description: "Dimensión por la que se agrupan los afiliados",
  valuesConfig: {
    REGIME: { description: "Régimen: contributivo o subsidiado" },
    STATE: { description: "Estado de la afiliación al PBS" },
    MEMBER_TYPE: { description: "Tipo de afiliado: cotizante, beneficiario o adicional" },
    COTIZANTE_KIND: { description: "Clase de cotizante: dependiente, independiente o pensionado (vacía para los demás)" },
    SEX: { description: "Sexo" },
    DEPARTMENT: { description: "Departamento de residencia (código DANE de 2 dígitos)" },
    MUNICIPALITY: { description: "Municipio de residencia (código DANE de 5 dígitos)" },
  },
});

/** Where each dimension lives in a member document. */
export const DIMENSION_FIELDS: Record<AffiliationDimension, string> = {
  REGIME: "regime",
  STATE: "state",
  MEMBER_TYPE: "memberType",
  COTIZANTE_KIND: "cotizanteKind",
  SEX: "sex",
  DEPARTMENT: "departmentCode",
  MUNICIPALITY: "municipalityCode",
};

@InputType({ description: "Agrupación y filtro de las estadísticas de afiliación" })
export class AffiliationStatisticsInput {
  @Field(() => [AffiliationDimension], { description: "Una a tres dimensiones" })
  @ArrayMinSize(1, { message: "Indique al menos una dimensión de agrupación." })
  @ArrayMaxSize(3, { message: "Agrupe por tres dimensiones como máximo: más detalle solo produce celdas suprimidas." })
  @IsEnum(AffiliationDimension, { each: true, message: "La dimensión no es válida." })
  groupBy!: AffiliationDimension[];

  @Field(() => Regime, { nullable: true, description: "Solo un régimen" })
  @IsOptional()
  @IsEnum(Regime, { message: "El régimen no es válido." })
  regime?: Regime;

  @Field(() => String, { nullable: true, description: "Solo un municipio (código DANE)" })
  @IsOptional()
  @IsKnownMunicipality()
  municipalityCode?: string;
}

@ObjectType({ description: "Una celda: cuántos afiliados tienen esta combinación de valores (nunca menos de 5; redondeado a múltiplo de 5)" })
export class AffiliationCell {
  @Field(() => Regime, { nullable: true, description: "Régimen (si se agrupó por REGIME)" })
  regime?: Regime | null;

  @Field(() => AffiliationState, { nullable: true, description: "Estado de la afiliación (si se agrupó por STATE)" })
  state?: AffiliationState | null;

  @Field(() => MemberType, { nullable: true, description: "Tipo de afiliado (si se agrupó por MEMBER_TYPE)" })
  memberType?: MemberType | null;

  @Field(() => CotizanteKind, { nullable: true, description: "Clase de cotizante (si se agrupó por COTIZANTE_KIND; vacía para beneficiarios, adicionales y el subsidiado)" })
  cotizanteKind?: CotizanteKind | null;

  @Field(() => Sex, { nullable: true, description: "Sexo (si se agrupó por SEX)" })
  sex?: Sex | null;

  @Field(() => String, { nullable: true, description: "Departamento (código DANE de 2 dígitos)" })
  departmentCode?: string | null;

  @Field(() => String, { nullable: true, description: "Municipio (código DANE de 5 dígitos)" })
  municipalityCode?: string | null;

  @Field(() => Int, { description: "Número de afiliados, redondeado al múltiplo de 5 más cercano" })
  count!: number;
}

@ObjectType({
  description:
    "Estadísticas agregadas de afiliación. Las celdas de menos de 5 personas se suprimen y los conteos se redondean al múltiplo de 5 más cercano, para que ninguna cifra pequeña pueda deducirse restando dos consultas.",
})
export class AffiliationStatistics {
  @Field(() => [AffiliationCell], { description: "Las celdas publicadas, de la más numerosa a la menos" })
  cells!: AffiliationCell[];

  @Field(() => Int, { description: "Suma de las celdas publicadas (redondeadas)" })
  total!: number;

  @Field(() => Int, { description: "Celdas suprimidas por tener menos de 5 personas" })
  suppressedCells!: number;
}

import { PageArgs, Pesos } from "@sos/kit";
import { IsEnum, IsInt, IsOptional, Matches, Max, Min } from "class-validator";
import { ArgsType, Field, InputType, Int } from "type-graphql";
import { ContributorKind } from "./contribution.type.js";

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

@ArgsType()
export class PeriodRangeArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: "Desde el periodo (AAAA-MM, inclusive)" })
  @IsOptional()
  @Matches(PERIOD, { message: "El periodo inicial debe tener el formato AAAA-MM." })
  from?: string;

  @Field(() => String, { nullable: true, description: "Hasta el periodo (AAAA-MM, inclusive)" })
  @IsOptional()
  @Matches(PERIOD, { message: "El periodo final debe tener el formato AAAA-MM." })
  to?: string;
}

@InputType({ description: "Datos para liquidar el aporte a salud de un mes" })
export class ContributionCalculationInput {
  @Field(() => ContributorKind, { description: "Dependiente o independiente" })
  @IsEnum(ContributorKind, { message: "Indique si es dependiente o independiente." })
  kind!: ContributorKind;

  @Field(() => Pesos, { description: "Salario (dependiente) o ingreso mensual total (independiente), en pesos" })
  @IsInt({ message: "El ingreso debe ser un número entero de pesos." })
  @Min(1, { message: "El ingreso debe ser mayor que cero." })
  @Max(100_000_000_000, { message: "El ingreso es demasiado grande." })
  monthlyIncome!: number;

  @Field(() => Int, { nullable: true, description: "Año de las cifras legales (el actual si se omite)" })
  @IsOptional()
  @IsInt()
  @Min(2000, { message: "El año debe ser de 2000 en adelante." })
  year?: number;
}

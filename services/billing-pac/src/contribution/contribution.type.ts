import { LocalDate, Pesos, connectionType } from "@sos/kit";
import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { ContributionState } from "./contribution.model.js";

registerEnumType(ContributionState, {
  name: "ContributionState",
  description: "Estado del aporte de un periodo",
  valuesConfig: {
    PAGADO: { description: "Pagado a tiempo" },
    PAGADO_TARDE: { description: "Pagado después del vencimiento, con intereses de mora" },
    NO_PAGADO: { description: "Sin pago" },
  },
});

export enum PaymentStanding {
  AL_DIA = "AL_DIA",
  EN_MORA = "EN_MORA",
  SIN_APORTES = "SIN_APORTES",
}
registerEnumType(PaymentStanding, {
  name: "PaymentStanding",
  description: "Situación de los aportes a salud (PBS)",
  valuesConfig: {
    AL_DIA: { description: "Al día: ningún periodo sin pagar" },
    EN_MORA: { description: "En mora: hay periodos sin pagar" },
    SIN_APORTES: { description: "Sin aportes registrados (beneficiarios y afiliados del subsidiado no cotizan)" },
  },
});

export enum SuspensionRule {
  NO_APLICA = "NO_APLICA",
  APLICA = "APLICA",
  NO_APLICA_EMPLEADOR_DESCONTO = "NO_APLICA_EMPLEADOR_DESCONTO",
}
registerEnumType(SuspensionRule, {
  name: "SuspensionRule",
  description: "Regla de suspensión por mora (dos periodos consecutivos sin pago, Decreto 780 de 2016)",
  valuesConfig: {
    NO_APLICA: { description: "No hay dos periodos consecutivos sin pago" },
    APLICA: { description: "Dos o más periodos consecutivos sin pago: procede la suspensión" },
    NO_APLICA_EMPLEADOR_DESCONTO: { description: "El empleador descontó el aporte y no lo pagó: el trabajador no puede ser suspendido (Ley 789 de 2002, art. 43)" },
  },
});

export enum ContributorKind {
  DEPENDIENTE = "DEPENDIENTE",
  INDEPENDIENTE = "INDEPENDIENTE",
}
registerEnumType(ContributorKind, {
  name: "ContributorKind",
  description: "Clase de cotizante para la liquidación",
  valuesConfig: {
    DEPENDIENTE: { description: "Dependiente: IBC = salario; el empleador paga 8,5 % y el trabajador 4 %" },
    INDEPENDIENTE: { description: "Independiente: IBC = 40 % del ingreso; paga el 12,5 % completo" },
  },
});

@ObjectType({ description: "Aporte a salud de un periodo (PILA)" })
export class Contribution {
  @Field(() => String, { description: "Periodo (AAAA-MM)" })
  period!: string;

  @Field(() => String, { nullable: true, description: "NIT del aportante (empleador); vacío si paga el propio afiliado" })
  aportanteNit!: string | null;

  @Field(() => String, { description: "Nombre del aportante" })
  aportanteName!: string;

  @Field(() => String, { description: "Tipo de planilla PILA (E empleados, I independientes, ...)" })
  planillaType!: string;

  @Field(() => String, { nullable: true, description: "Número de planilla" })
  planillaNumber!: string | null;

  @Field(() => String, { nullable: true, description: "Operador de información PILA" })
  operator!: string | null;

  @Field(() => Pesos, { description: "Ingreso base de cotización (IBC)" })
  ibc!: number;

  @Field(() => Int, { description: "Días cotizados" })
  days!: number;

  @Field(() => Pesos, { description: "Aporte total (12,5 % del IBC)" })
  amount!: number;

  @Field(() => Pesos, { description: "Parte del empleador (8,5 %)" })
  employerShare!: number;

  @Field(() => Pesos, { description: "Parte del trabajador (4 %; 12,5 % si es independiente)" })
  workerShare!: number;

  @Field(() => LocalDate, { description: "Fecha límite de pago" })
  dueDate!: string;

  @Field(() => LocalDate, { nullable: true, description: "Fecha de pago" })
  paidOn!: string | null;

  @Field(() => Int, { description: "Días de mora" })
  daysLate!: number;

  @Field(() => Pesos, { description: "Intereses de mora pagados" })
  interest!: number;

  @Field(() => ContributionState, { description: "Pagado, pagado tarde o sin pago" })
  state!: ContributionState;

  @Field(() => Boolean, { description: "El empleador descontó el aporte al trabajador y no lo pagó" })
  deductedNotPaid!: boolean;
}
export const ContributionConnection = connectionType("Contribution", Contribution, "aportes a salud");

@ObjectType({ description: "Situación de aportes a salud (PBS): al día o en mora, paz y salvo, desde cuándo" })
export class PbsPaymentStatus {
  @Field(() => PaymentStanding, { description: "Al día, en mora o sin aportes" })
  standing!: PaymentStanding;

  @Field(() => Boolean, { description: "Paz y salvo PBS: ningún periodo sin pagar" })
  pazYSalvo!: boolean;

  @Field(() => LocalDate, { nullable: true, description: "Al día desde el último pago, o en mora desde el vencimiento del primer periodo sin pagar" })
  since!: string | null;

  @Field(() => [String], { description: "Periodos sin pagar (AAAA-MM)" })
  unpaidPeriods!: string[];

  @Field(() => Int, { description: "La racha más larga de periodos consecutivos sin pagar" })
  consecutiveUnpaid!: number;

  @Field(() => SuspensionRule, { description: "Si procede la suspensión por mora, y por qué no cuando el empleador descontó sin pagar" })
  suspension!: SuspensionRule;
}

@ObjectType({ description: "Cifra legal del año, con la norma que la fija y su estado" })
export class LegalFigureView {
  @Field(() => Pesos, { description: "Valor en pesos" })
  value!: number;

  @Field(() => String, { description: "Norma que la fija (p. ej. «Decreto 0159 de 2026»)" })
  norm!: string;

  @Field(() => String, { description: "VIGENTE, VIGENTE_EN_DISPUTA o POR_VERIFICAR" })
  status!: string;

  @Field(() => String, { nullable: true, description: "Aclaración sobre la norma o su estado (p. ej. una suspensión judicial), si la hay" })
  note?: string | null;
}

@ObjectType({ description: "Liquidación de aportes a salud de un mes" })
export class ContributionCalculation {
  @Field(() => Int, { description: "Año de las cifras legales aplicadas" })
  year!: number;

  @Field(() => ContributorKind, { description: "Dependiente o independiente" })
  kind!: ContributorKind;

  @Field(() => Pesos, { description: "Ingreso mensual declarado" })
  monthlyIncome!: number;

  @Field(() => Pesos, { description: "IBC: el salario, o el 40 % del ingreso del independiente, entre 1 y 25 SMMLV" })
  ibc!: number;

  @Field(() => Boolean, { description: "Se aplicó el mínimo de 1 SMMLV" })
  floorApplied!: boolean;

  @Field(() => Boolean, { description: "Se aplicó el máximo de 25 SMMLV" })
  ceilingApplied!: boolean;

  @Field(() => Float, { description: "Tasa total de aporte a salud (0,125)" })
  rate!: number;

  @Field(() => Pesos, { description: "Aporte total del mes" })
  total!: number;

  @Field(() => Pesos, { description: "A cargo del empleador (8,5 %; 0 para independientes)" })
  employerShare!: number;

  @Field(() => Pesos, { description: "A cargo del trabajador (4 %; el 12,5 % completo si es independiente)" })
  workerShare!: number;

  @Field(() => LegalFigureView, { description: "SMMLV del año usado en la liquidación" })
  smmlv!: LegalFigureView;
}

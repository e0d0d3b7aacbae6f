import { LocalDate, MemberRecordField, MemberRelation, Pesos, connectionType, historyEntryType, type HistoryEntry } from "@sos/kit";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { ClaimState, IncapacityType } from "./incapacity.model.js";

registerEnumType(IncapacityType, {
  name: "IncapacityType",
  description: "Tipo de incapacidad o licencia",
  valuesConfig: {
    ENFERMEDAD_GENERAL: { description: "Enfermedad general (origen común): empleador, EPS o fondo de pensiones según el día" },
    ACCIDENTE_TRABAJO: { description: "Accidente de trabajo: la paga la ARL" },
    ENFERMEDAD_LABORAL: { description: "Enfermedad laboral: la paga la ARL" },
    LICENCIA_MATERNIDAD: { description: "Licencia de maternidad (18 semanas, Ley 2114 de 2021)" },
    LICENCIA_PATERNIDAD: { description: "Licencia de paternidad (2 semanas)" },
  },
});
registerEnumType(ClaimState, {
  name: "IncapacityClaimState",
  description: "Estado del trámite de reconocimiento y pago",
  valuesConfig: {
    RADICADA: { description: "Radicada por el aportante" },
    EN_REVISION: { description: "En revisión por la EPS" },
    RECONOCIDA: { description: "Reconocida: la EPS debe liquidarla y pagarla en 5 días hábiles" },
    NEGADA: { description: "Negada, con el motivo" },
    LIQUIDADA: { description: "Liquidada: valores por pagador calculados" },
    PAGADA: { description: "Pagada" },
  },
});

export enum SettlementPayer {
  EMPLEADOR = "EMPLEADOR",
  EPS = "EPS",
  AFP = "AFP",
  ARL = "ARL",
  NINGUNO = "NINGUNO",
}
registerEnumType(SettlementPayer, {
  name: "IncapacityPayer",
  description: "Quién paga un tramo de días",
  valuesConfig: {
    EMPLEADOR: { description: "El empleador (días 1 y 2 de enfermedad general)" },
    EPS: { description: "La EPS" },
    AFP: { description: "El fondo de pensiones (días 181 a 540)" },
    ARL: { description: "La ARL (origen laboral)" },
    NINGUNO: { description: "Nadie: sin prestación económica (subsidiado, o sin las semanas cotizadas exigidas)" },
  },
});

@ObjectType({ description: "Diagnóstico con su sistema de codificación (dato sensible: no lo ve el empleador)" })
export class IncapacityDiagnosis {
  @Field(() => String, { description: "Código CIE-10" })
  code!: string;

  @Field(() => String, { description: "Sistema de codificación: CIE-10" })
  system!: string;

  @Field(() => String, { nullable: true, description: "Código CIE-11 acompañante" })
  cie11Code!: string | null;
}

@ObjectType({ description: "Tramo de días de la cadena con su pagador, porcentaje y valor" })
export class SettlementSegmentView {
  @Field(() => Int, { description: "Desde el día (acumulado en la cadena)" })
  fromDay!: number;

  @Field(() => Int, { description: "Hasta el día (acumulado en la cadena)" })
  toDay!: number;

  @Field(() => Int, { description: "Días del tramo" })
  days!: number;

  @Field(() => SettlementPayer, { description: "Quién paga estos días" })
  payer!: SettlementPayer;

  @Field(() => Int, { description: "Porcentaje del IBC en centésimas (6667 = 66,67 %)" })
  rateBp!: number;

  @Field(() => Pesos, { description: "Valor de un día" })
  dailyAmount!: number;

  @Field(() => Pesos, { description: "Valor del tramo en pesos (valor diario × días)" })
  amount!: number;

  @Field(() => Boolean, { description: "El valor diario se elevó al mínimo (SMMLV/30)" })
  floorApplied!: boolean;
}

@ObjectType({ description: "Valor por pagador" })
export class PayerAmount {
  @Field(() => SettlementPayer, { description: "Pagador" })
  payer!: SettlementPayer;

  @Field(() => Pesos, { description: "Lo que le corresponde pagar, en pesos" })
  amount!: number;
}

@ObjectType({ description: "Liquidación: quién paga cada día y cuánto" })
export class SettlementView {
  @Field(() => Pesos, { description: "IBC usado (del último periodo cotizado antes del inicio)" })
  ibc!: number;

  @Field(() => Int, { description: "Semanas cotizadas en los 12 meses anteriores" })
  contributedWeeks!: number;

  @Field(() => [SettlementSegmentView], { description: "Tramos de días de esta incapacidad, en orden, con su pagador" })
  segments!: SettlementSegmentView[];

  @Field(() => [PayerAmount], { description: "Total de cada pagador" })
  byPayer!: PayerAmount[];

  @Field(() => Pesos, { description: "Valor total de la incapacidad, en pesos (todos los pagadores)" })
  total!: number;

  @Field(() => String, { nullable: true, description: "Por qué una parte no se paga o se paga en proporción" })
  note!: string | null;
}

@ObjectType({ description: "Pago de la incapacidad" })
export class IncapacityPayment {
  @Field(() => LocalDate, { description: "Fecha del pago (AAAA-MM-DD)" })
  paidOn!: string;

  @Field(() => Pesos, { description: "Valor pagado en pesos: lo que corresponde a la EPS y al fondo de pensiones en la liquidación" })
  amount!: number;

  @Field(() => String, { description: "Referencia del pago" })
  reference!: string;
}

export const IncapacityTransition = historyEntryType<ClaimState>("IncapacityTransition", ClaimState, "Cambio de estado del trámite");

@ObjectType({ description: "Incapacidad o licencia (un certificado, primero o prórroga) y su trámite de pago" })
export class Incapacity {
  @Field(() => ID, { name: "number", description: "Número de radicado (INC-AAAA-NNNNNNN)" })
  _id!: string;

  @Field(() => IncapacityType, { description: "Tipo de incapacidad o licencia" })
  type!: IncapacityType;

  @Field(() => LocalDate, { description: "Primer día (AAAA-MM-DD)" })
  startDate!: string;

  @Field(() => LocalDate, { description: "Último día (AAAA-MM-DD, inclusive)" })
  endDate!: string;

  @Field(() => Int, { description: "Días de este certificado" })
  days!: number;

  @Field(() => String, { nullable: true, description: "Ámbito de atención del certificado" })
  // Free text or clinical context: the member and the EPS, not the employer.
  @MemberRecordField([MemberRelation.SELF, MemberRelation.AGENT])
  setting!: string;

  @Field(() => String, { nullable: true, description: "Modalidad (presencial, telemedicina)" })
  // Free text or clinical context: the member and the EPS, not the employer.
  @MemberRecordField([MemberRelation.SELF, MemberRelation.AGENT])
  modality!: string;

  @Field(() => String, { nullable: true, description: "La incapacidad que esta prorroga" })
  extensionOf!: string | null;

  @Field(() => String, { description: "La cadena de prórrogas (su primera incapacidad)" })
  chainId!: string;

  @Field(() => Int, { description: "Días acumulados de la cadena, incluida esta" })
  chainDays!: number;

  @Field(() => ClaimState, { description: "Estado del trámite de reconocimiento y pago" })
  state!: ClaimState;

  @Field(() => Date, { description: "Fecha y hora de radicación" })
  filedAt!: Date;

  @Field(() => Date, { description: "Revisión y liquidación a más tardar (15 días hábiles desde la radicación)" })
  reviewDueAt!: Date;

  @Field(() => Date, { nullable: true, description: "Pago a más tardar (5 días hábiles desde el reconocimiento)" })
  paymentDueAt!: Date | null;

  @Field(() => String, { nullable: true, description: "Motivo de la negación (no lo ve el empleador)" })
  // Free text or clinical context: the member and the EPS, not the employer.
  @MemberRecordField([MemberRelation.SELF, MemberRelation.AGENT])
  denialReason!: string | null;

  @Field(() => IncapacityPayment, { nullable: true, description: "El pago, una vez pagada; vacío antes" })
  payment!: IncapacityPayment | null;

  @Field(() => [IncapacityTransition], { nullable: true, description: "Historia del trámite (no la ve el empleador: las notas son texto libre)" })
  // Free text or clinical context: the member and the EPS, not the employer.
  @MemberRecordField([MemberRelation.SELF, MemberRelation.AGENT])
  history!: HistoryEntry<ClaimState>[];
}
export const IncapacityConnection = connectionType("Incapacity", Incapacity, "incapacidades y licencias");

@ObjectType({ description: "Totales de un año: días por tipo y valores por pagador" })
export class IncapacityYear {
  @Field(() => Int, { description: "Año (por la fecha de inicio de cada incapacidad)" })
  year!: number;

  @Field(() => Int, { description: "Días de incapacidad y licencia del año, sin las negadas" })
  days!: number;

  @Field(() => [TypeDays], { description: "Días por tipo (solo los tipos con días)" })
  byType!: TypeDays[];

  @Field(() => [PayerAmount], { description: "De las liquidadas" })
  byPayer!: PayerAmount[];
}

@ObjectType({ description: "Días de un tipo" })
export class TypeDays {
  @Field(() => IncapacityType, { description: "Tipo de incapacidad o licencia" })
  type!: IncapacityType;

  @Field(() => Int, { description: "Días de ese tipo" })
  days!: number;
}

@ObjectType({ description: "Días de incapacidad por tipo (analistas: celdas de menos de 5 personas suprimidas)" })
export class IncapacityStatisticsCell {
  @Field(() => IncapacityType, { description: "Tipo de incapacidad o licencia" })
  type!: IncapacityType;

  @Field(() => Int, { nullable: true, description: "Personas, redondeado a 5; vacío si son menos de 5" })
  count!: number | null;

  @Field(() => Int, { nullable: true, description: "Días (vacío si la celda se suprime)" })
  days!: number | null;
}

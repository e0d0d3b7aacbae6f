import { Pesos, connectionType, historyEntryType, type HistoryEntry } from "@sos/kit";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { ChargeKind } from "../copay/copay.rules.js";
import { AuthorizationState, CareOrigin, CareSetting, DeadlineRule, DeadlineUnit, Payer, RequestClass } from "./authorization.enums.js";

@ObjectType({ description: "Diagnóstico con su sistema de codificación (CIE-10; CIE-11 en codificación dual)" })
export class Diagnosis {
  @Field(() => String, { description: "Código CIE-10 (4 caracteres, p. ej. I10X)" })
  code!: string;

  @Field(() => String, { description: "Sistema de codificación del código: CIE-10" })
  system!: string;

  @Field(() => String, { description: "Descripción del catálogo CIE-10" })
  description!: string;

  @Field(() => String, { nullable: true, description: "Código CIE-11 acompañante (codificación dual, Resolución 1442 de 2024)" })
  cie11Code?: string | null;

  @Field(() => Boolean, { description: "Diagnóstico principal" })
  principal!: boolean;
}

@ObjectType({ description: "Lo que el afiliado paga por un servicio autorizado (cuota moderadora o copago)" })
export class MemberChargeView {
  @Field(() => ChargeKind, { description: "Cuota moderadora, copago o exento" })
  kind!: ChargeKind;

  @Field(() => Pesos, { nullable: true, description: "Cuota moderadora en pesos" })
  amount!: number | null;

  @Field(() => Number, { nullable: true, description: "Copago: porcentaje del valor del servicio (0.115 = 11,5 %)" })
  rate!: number | null;

  @Field(() => Pesos, { nullable: true, description: "Tope del copago por evento, en pesos" })
  capPerEvent!: number | null;

  @Field(() => Pesos, { nullable: true, description: "Tope del copago por año calendario, en pesos" })
  capPerYear!: number | null;

  @Field(() => String, { description: "Regla aplicada" })
  reason!: string;

  @Field(() => String, { description: "Norma de la tabla aplicada" })
  norm!: string;
}

@ObjectType({ description: "Servicio solicitado (código CUPS) y lo autorizado" })
export class AuthorizationItem {
  @Field(() => String, { description: "Código CUPS (6 dígitos)" })
  cupsCode!: string;

  @Field(() => String, { description: "Descripción del catálogo CUPS" })
  description!: string;

  @Field(() => Int, { description: "Cantidad solicitada" })
  quantity!: number;

  @Field(() => Int, { nullable: true, description: "Cantidad autorizada (0 = negado); vacía hasta la decisión" })
  approvedQuantity?: number | null;

  @Field(() => String, { nullable: true, description: "Motivo si se autorizó menos de lo pedido" })
  denialReason?: string | null;

  @Field(() => MemberChargeView, { nullable: true, description: "Cuota moderadora o copago del afiliado (solo servicios autorizados)" })
  charge?: MemberChargeView | null;
}

@ObjectType({ description: "Profesional que ordena el servicio" })
export class OrderingProfessional {
  @Field(() => String, { description: "Nombre del profesional" })
  name!: string;

  @Field(() => String, { nullable: true, description: "Especialidad, si la indicó" })
  specialty?: string | null;
}

@ObjectType({ description: "Plazo legal de respuesta de la solicitud" })
export class AnswerDeadline {
  @Field(() => DeadlineRule, { description: "Norma que rige el plazo" })
  rule!: DeadlineRule;

  @Field(() => RequestClass, { description: "Clase de solicitud: posterior a urgencia, priorizada o electiva" })
  requestClass!: RequestClass;

  @Field(() => Int, { description: "Plazo en la unidad indicada" })
  amount!: number;

  @Field(() => DeadlineUnit, { description: "Unidad del plazo: horas, días calendario o días hábiles" })
  unit!: DeadlineUnit;

  @Field(() => Date, { description: "Vence (fecha y hora)" })
  dueAt!: Date;
}

export const AuthorizationTransition = historyEntryType<AuthorizationState>("AuthorizationTransition", AuthorizationState);

@ObjectType({ description: "Solicitud de autorización de servicios de salud" })
export class Authorization {
  @Field(() => ID, { name: "number", description: "Número de radicado (AUT-AAAA-NNNNNNN)" })
  _id!: string;

  @Field(() => AuthorizationState, { description: "Estado de la solicitud" })
  state!: AuthorizationState;

  @Field(() => [AuthorizationItem], { description: "Servicios solicitados (CUPS)" })
  items!: AuthorizationItem[];

  @Field(() => OrderingProfessional, { description: "Profesional que ordena" })
  professional!: OrderingProfessional;

  @Field(() => CareSetting, { description: "Ámbito de la atención: ambulatorio, hospitalario o urgencias" })
  setting!: CareSetting;

  @Field(() => Boolean, { description: "Es atención posterior a una urgencia inicial" })
  afterEmergency!: boolean;

  @Field(() => CareOrigin, { description: "Origen de la atención: común, laboral o accidente de tránsito (decide quién paga)" })
  origin!: CareOrigin;

  @Field(() => Payer, { description: "Quién paga: la EPS, la ARL (origen laboral) o el SOAT (accidente de tránsito)" })
  payer!: Payer;

  @Field(() => Boolean, { description: "Servicio priorizado por el profesional" })
  prioritised!: boolean;

  @Field(() => [String], { description: "Poblaciones de especial protección declaradas (SpecialProtection)" })
  specialProtection!: string[];

  @Field(() => [String], { description: "Referencias de los documentos soporte adjuntos" })
  attachments!: string[];

  @Field(() => String, { description: "Fecha del servicio ordenado (AAAA-MM-DD)" })
  serviceDate!: string;

  @Field(() => Date, { description: "Fecha y hora de radicación" })
  filedAt!: Date;

  @Field(() => AnswerDeadline, { description: "Norma, unidad y vencimiento del plazo de respuesta" })
  deadline!: AnswerDeadline;

  @Field(() => Date, { nullable: true, description: "Cuándo respondió la EPS" })
  answeredAt?: Date | null;

  @Field(() => String, { nullable: true, description: "Vigencia de la autorización (AAAA-MM-DD), si fue aprobada" })
  validUntil?: string | null;

  @Field(() => String, { nullable: true, description: "Motivo de la negación o de los documentos pedidos" })
  denialReason?: string | null;

  @Field(() => [AuthorizationTransition], { description: "Historia de estados: quién y cuándo" })
  history!: HistoryEntry<AuthorizationState>[];

  @Field(() => Int, { description: "Versión del registro (cambia con cada modificación)" })
  version!: number;
}

export const AuthorizationConnection = connectionType("Authorization", Authorization, "autorizaciones");


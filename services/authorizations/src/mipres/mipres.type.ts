import { connectionType, historyEntryType, type HistoryEntry } from "@sos/kit";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { OrderingProfessional } from "../authorization/authorization.type.js";
import { Ips } from "../ips/ips.type.js";
import { DeliveryPlaceKind, PendingDeliveryState, PendingReason, PrescriptionState, TechnologyType } from "./mipres.enums.js";

// Fields computed from the document (vigente, remaining, dispenser, overdue, diagnosis...) are declared
// by the @FieldResolver of mipres.resolver.ts and mipres.delivery.resolver.ts: the diagnosis must be
// recorded when read, the rest depends on today.

@ObjectType({ description: "Última entrega registrada de una tecnología" })
export class MipresDelivery {
  @Field(() => Int, { description: "Cantidad entregada" })
  quantity!: number;

  @Field(() => Date, { description: "Fecha y hora de la entrega" })
  at!: Date;

  @Field(() => String, { description: "Quién recibió (el afiliado o la persona que él envió)" })
  receivedBy!: string;
}

@ObjectType({ description: "Tecnología en salud prescrita en MIPRES (medicamento, procedimiento, dispositivo, producto nutricional o servicio complementario)" })
export class MipresTechnology {
  @Field(() => Int, { description: "Consecutivo de la tecnología dentro de la prescripción (desde 1)" })
  index!: number;

  @Field(() => TechnologyType, { description: "Tipo de tecnología" })
  type!: TechnologyType;

  @Field(() => String, { description: "Código de la tecnología: CUM del medicamento, CUPS del procedimiento u otro código MIPRES" })
  code!: string;

  @Field(() => String, { description: "Descripción de la tecnología" })
  description!: string;

  @Field(() => Int, { description: "Cantidad total prescrita (todas las entregas)" })
  quantity!: number;

  @Field(() => Int, { description: "Número de entregas programadas (1 = entrega única; más = entregas sucesivas)" })
  deliveries!: number;

  @Field(() => Int, { description: "Cantidad entregada hasta hoy" })
  delivered!: number;

  @Field(() => String, { nullable: true, description: "Direccionamiento: fecha máxima de entrega (AAAA-MM-DD)" })
  latestDeliveryDate?: string | null;

  @Field(() => MipresDelivery, { nullable: true, description: "Última entrega: cantidad, fecha y quién recibió" })
  lastDelivery?: MipresDelivery | null;
}

@ObjectType({ description: "Prescripción MIPRES: tecnologías en salud ordenadas en la plataforma del Ministerio de Salud" })
export class MipresPrescription {
  @Field(() => ID, { name: "number", description: "Número de prescripción MIPRES (20 dígitos; empieza con la fecha AAAAMMDD)" })
  _id!: string;

  @Field(() => String, { description: "Fecha de la prescripción (AAAA-MM-DD)" })
  prescribedAt!: string;

  @Field(() => String, { description: "Código del ámbito de atención en MIPRES (11, 12, 21, 22 o 30)" })
  settingCode!: string;

  @Field(() => PrescriptionState, { description: "Estado de la prescripción" })
  state!: PrescriptionState;

  @Field(() => OrderingProfessional, { description: "Profesional que prescribe" })
  professional!: OrderingProfessional;

  @Field(() => [MipresTechnology], { description: "Tecnologías prescritas" })
  technologies!: MipresTechnology[];
}

@ObjectType({ description: "Lugar de entrega de un medicamento pendiente" })
export class DeliveryPlace {
  @Field(() => DeliveryPlaceKind, { description: "En un punto de dispensación o en el domicilio" })
  kind!: DeliveryPlaceKind;

  @Field(() => Ips, { nullable: true, description: "Punto de dispensación (solo si se entrega en un dispensario)" })
  ips!: Ips | null;

  @Field(() => String, { nullable: true, description: "Dirección del domicilio (solo si se entrega en el domicilio)" })
  address!: string | null;
}

export const PendingDeliveryTransition = historyEntryType<PendingDeliveryState>("PendingDeliveryTransition", PendingDeliveryState, "Cambio de un pendiente: quién y cuándo");

@ObjectType({
  description:
    "Medicamento pendiente: lo que no se entregó completo en la dispensación (por falta de inventario). La EPS debe entregarlo dentro de las 48 horas siguientes, donde el afiliado elija",
})
export class PendingDelivery {
  @Field(() => ID, { name: "id", description: "Identificador del pendiente" })
  _id!: string;

  @Field(() => String, { description: "Número de la prescripción MIPRES" })
  prescriptionNumber!: string;

  @Field(() => Int, { description: "Consecutivo de la tecnología en la prescripción" })
  technologyIndex!: number;

  @Field(() => String, { description: "Medicamento o producto pendiente" })
  description!: string;

  @Field(() => Int, { description: "Cantidad pendiente de entregar" })
  quantity!: number;

  @Field(() => PendingReason, { description: "Por qué quedó pendiente" })
  reason!: PendingReason;

  @Field(() => PendingDeliveryState, { description: "Estado del pendiente" })
  state!: PendingDeliveryState;

  @Field(() => Date, { description: "Cuándo se registró el pendiente" })
  registeredAt!: Date;

  @Field(() => Date, { description: "Plazo máximo de entrega: 48 horas después del registro" })
  dueAt!: Date;

  @Field(() => Date, { nullable: true, description: "Cuándo se entregó" })
  deliveredAt?: Date | null;

  @Field(() => String, { nullable: true, description: "Quién recibió" })
  receivedBy?: string | null;

  @Field(() => [PendingDeliveryTransition], { description: "Historia del pendiente: quién y cuándo" })
  history!: HistoryEntry<PendingDeliveryState>[];

  @Field(() => Int, { description: "Versión del registro (cambia con cada modificación)" })
  version!: number;
}

export const MipresPrescriptionConnection = connectionType("MipresPrescription", MipresPrescription, "prescripciones MIPRES");
export const PendingDeliveryConnection = connectionType("PendingDelivery", PendingDelivery, "medicamentos pendientes");

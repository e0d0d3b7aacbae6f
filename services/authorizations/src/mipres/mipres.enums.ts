import { registerEnumType } from "type-graphql";

// The stored values are MIPRES's own codes where MIPRES has one ("11", "M"): the documents read like the
// Ministry's files, and the GraphQL names say what the code means.

export enum PrescriptionState {
  ACTIVA = "ACTIVA",
  ANULADA = "ANULADA",
}
registerEnumType(PrescriptionState, {
  name: "MipresPrescriptionState",
  description: "Estado de la prescripción en MIPRES",
  valuesConfig: {
    ACTIVA: { description: "Activa (código MIPRES 4)" },
    ANULADA: { description: "Anulada (código MIPRES 2): no se entrega nada de ella" },
  },
});

/** The state as MIPRES codes it (EstPres). */
export const PRESCRIPTION_STATE_CODE: Readonly<Record<PrescriptionState, string>> = {
  [PrescriptionState.ACTIVA]: "4",
  [PrescriptionState.ANULADA]: "2",
};

export enum MipresSetting {
  AMBULATORIO_NO_PRIORIZADO = "11",
  AMBULATORIO_PRIORIZADO = "12",
  HOSPITALARIO_DOMICILIARIO = "21",
  HOSPITALARIO_INTERNACION = "22",
  URGENCIAS = "30",
}
registerEnumType(MipresSetting, {
  name: "MipresSetting",
  description: "Ámbito de atención de la prescripción MIPRES",
  valuesConfig: {
    AMBULATORIO_NO_PRIORIZADO: { description: "Ambulatorio no priorizado (código 11)" },
    AMBULATORIO_PRIORIZADO: { description: "Ambulatorio priorizado (código 12)" },
    HOSPITALARIO_DOMICILIARIO: { description: "Hospitalario domiciliario (código 21)" },
    HOSPITALARIO_INTERNACION: { description: "Hospitalario en internación (código 22)" },
    URGENCIAS: { description: "Urgencias (código 30)" },
  },
});

export enum TechnologyType {
  MEDICAMENTO = "M",
  PROCEDIMIENTO = "P",
  DISPOSITIVO = "D",
  PRODUCTO_NUTRICIONAL = "N",
  SERVICIO_COMPLEMENTARIO = "S",
}
registerEnumType(TechnologyType, {
  name: "MipresTechnologyType",
  description: "Tipo de tecnología en salud prescrita en MIPRES",
  valuesConfig: {
    MEDICAMENTO: { description: "Medicamento (M), código CUM" },
    PROCEDIMIENTO: { description: "Procedimiento (P), código CUPS" },
    DISPOSITIVO: { description: "Dispositivo médico (D)" },
    PRODUCTO_NUTRICIONAL: { description: "Producto de soporte nutricional (N)" },
    SERVICIO_COMPLEMENTARIO: { description: "Servicio complementario (S)" },
  },
});

export enum SupplyState {
  SIN_DIRECCIONAR = "SIN_DIRECCIONAR",
  DIRECCIONADA = "DIRECCIONADA",
  ENTREGA_PARCIAL = "ENTREGA_PARCIAL",
  ENTREGA_COMPLETA = "ENTREGA_COMPLETA",
}
registerEnumType(SupplyState, {
  name: "MipresSupplyState",
  description: "Dónde va el suministro de una tecnología: direccionamiento → programación → entrega → reporte de entrega",
  valuesConfig: {
    SIN_DIRECCIONAR: { description: "La EPS aún no la ha direccionado a un proveedor (dispensador)" },
    DIRECCIONADA: { description: "Direccionada a un dispensador; aún no se ha entregado nada" },
    ENTREGA_PARCIAL: { description: "Se ha entregado una parte de lo prescrito (entregas sucesivas o pendientes)" },
    ENTREGA_COMPLETA: { description: "Se entregó todo lo prescrito" },
  },
});

export enum PendingDeliveryState {
  PENDIENTE = "PENDIENTE",
  ENTREGADA = "ENTREGADA",
  ANULADA = "ANULADA",
}
registerEnumType(PendingDeliveryState, {
  name: "PendingDeliveryState",
  description: "Estado de un medicamento pendiente (no entregado completo en la dispensación)",
  valuesConfig: {
    PENDIENTE: { description: "Pendiente: debe entregarse dentro de las 48 horas siguientes a su registro, donde el afiliado eligió" },
    ENTREGADA: { description: "Entregado al afiliado o a quien él autorizó" },
    ANULADA: { description: "Anulado (la prescripción se anuló o el pendiente se registró por error)" },
  },
});

export enum PendingReason {
  FALTA_INVENTARIO = "FALTA_INVENTARIO",
  DESABASTECIMIENTO = "DESABASTECIMIENTO",
}
registerEnumType(PendingReason, {
  name: "PendingDeliveryReason",
  description: "Por qué no se entregó completo el medicamento",
  valuesConfig: {
    FALTA_INVENTARIO: { description: "Falta de inventario en el punto de dispensación" },
    DESABASTECIMIENTO: { description: "Desabastecimiento del producto reportado por el INVIMA" },
  },
});

export enum DeliveryPlaceKind {
  DISPENSARIO = "DISPENSARIO",
  DOMICILIO = "DOMICILIO",
}
registerEnumType(DeliveryPlaceKind, {
  name: "DeliveryPlaceKind",
  description: "Dónde se entrega el pendiente, según elija el afiliado",
  valuesConfig: {
    DISPENSARIO: { description: "En un punto de dispensación (IPS, código REPS)" },
    DOMICILIO: { description: "En el domicilio que indique el afiliado" },
  },
});

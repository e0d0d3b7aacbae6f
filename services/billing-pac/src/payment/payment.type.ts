import { Pesos } from "@sos/kit";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { PaymentState } from "./payment.model.js";

registerEnumType(PaymentState, {
  name: "PsePaymentState",
  description: "Estado de un pago PSE",
  valuesConfig: {
    PENDIENTE: { description: "Esperando la respuesta del banco" },
    APROBADO: { description: "Aprobado por el banco y aplicado a la factura" },
    RECHAZADO: { description: "Rechazado o no completado" },
    EN_REVISION: { description: "El banco respondió algo que una persona debe revisar (otro valor, o un pago aprobado de una factura ya pagada: se devuelve)" },
  },
});

@ObjectType({ description: "Pago por PSE de una factura PAC" })
export class PsePayment {
  @Field(() => ID, { name: "reference", description: "Referencia del pago" })
  _id!: string;

  @Field(() => String, { description: "Número de la factura PAC que paga" })
  invoiceNumber!: string;

  @Field(() => Pesos, { description: "Valor del pago en pesos (el de la factura)" })
  amount!: number;

  @Field(() => String, { description: "Código del banco elegido" })
  bankCode!: string;

  @Field(() => PaymentState, { description: "Pendiente, aprobado, rechazado o en revisión" })
  state!: PaymentState;

  @Field(() => String, { nullable: true, description: "Dirección del banco a la que se lleva al afiliado para pagar" })
  redirectUrl!: string | null;

  @Field(() => String, { nullable: true, description: "CUS del banco (pagos aprobados)" })
  cus!: string | null;

  @Field(() => String, { nullable: true, description: "Por qué requiere revisión (devolución, valor distinto), si la requiere" })
  review!: string | null;

  @Field(() => Date, { description: "Cuándo se inició el pago" })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "Cuándo se cerró con la respuesta del banco; vacío mientras está pendiente" })
  resolvedAt!: Date | null;
}

@ObjectType({ description: "Banco disponible en PSE" })
export class PseBank {
  @Field(() => String, { description: "Código del banco en PSE (4 dígitos): el bankCode de startPacPayment" })
  code!: string;

  @Field(() => String, { description: "Nombre del banco" })
  name!: string;
}

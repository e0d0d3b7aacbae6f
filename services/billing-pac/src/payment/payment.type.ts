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

  @Field(() => String)
  invoiceNumber!: string;

  @Field(() => Pesos)
  amount!: number;

  @Field(() => String, { description: "Código del banco elegido" })
  bankCode!: string;

  @Field(() => PaymentState)
  state!: PaymentState;

  @Field(() => String, { nullable: true, description: "Dirección del banco a la que se lleva al afiliado para pagar" })
  redirectUrl!: string | null;

  @Field(() => String, { nullable: true, description: "CUS del banco (pagos aprobados)" })
  cus!: string | null;

  @Field(() => String, { nullable: true, description: "Por qué requiere revisión (devolución, valor distinto), si la requiere" })
  review!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;
}

@ObjectType({ description: "Banco disponible en PSE" })
export class PseBank {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;
}

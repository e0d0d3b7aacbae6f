import { LocalDate, Pesos, connectionType } from "@sos/kit";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { ContractState, InvoiceState } from "./pac.model.js";

registerEnumType(ContractState, {
  name: "PacContractState",
  description: "Estado del contrato PAC",
  valuesConfig: {
    ACTIVO: { description: "Activo" },
    SUSPENDIDO_MORA: { description: "Suspendido por mora: se reactiva al pagar lo vencido" },
    CANCELADO: { description: "Cancelado" },
  },
});
registerEnumType(InvoiceState, {
  name: "PacInvoiceState",
  description: "Estado de la factura de venta PAC",
  valuesConfig: {
    EMITIDA: { description: "Emitida, dentro del plazo de pago" },
    PAGADA: { description: "Pagada" },
    VENCIDA: { description: "Vencida sin pago" },
    ANULADA: { description: "Anulada (nota crédito)" },
  },
});

@ObjectType({ description: "Contrato del plan de atención complementaria (PAC)" })
export class PacContract {
  @Field(() => ID, { name: "number", description: "Número de contrato" })
  _id!: string;

  @Field(() => String, { description: "Plan contratado" })
  plan!: string;

  @Field(() => Pesos, { description: "Tarifa mensual del contrato" })
  monthlyFee!: number;

  @Field(() => LocalDate, { description: "Inicio del contrato (AAAA-MM-DD)" })
  startDate!: string;

  @Field(() => LocalDate, { nullable: true, description: "Fin del contrato (AAAA-MM-DD); vacío si no tiene fecha de fin" })
  endDate!: string | null;

  @Field(() => ContractState, { description: "Activo, suspendido por mora o cancelado" })
  state!: ContractState;

  @Field(() => Date, { description: "Desde cuándo está en ese estado" })
  stateSince!: Date;
}

@ObjectType({ description: "Pago aplicado a una factura" })
export class InvoicePayment {
  @Field(() => String, { description: "Referencia del pago" })
  reference!: string;

  @Field(() => String, { description: "CUS: código único de seguimiento del banco (PSE)" })
  cus!: string;

  @Field(() => String, { description: "Banco" })
  bank!: string;
}

@ObjectType({ description: "Factura electrónica de venta del PAC (un mes de un contrato)" })
export class PacInvoice {
  @Field(() => ID, { name: "number", description: "Número: prefijo y consecutivo autorizado por la DIAN" })
  _id!: string;

  @Field(() => String, { description: "Periodo facturado (AAAA-MM)" })
  period!: string;

  @Field(() => Pesos, { description: "Valor de la factura en pesos" })
  amount!: number;

  @Field(() => LocalDate, { description: "Fecha de expedición" })
  issuedOn!: string;

  @Field(() => LocalDate, { description: "Fecha límite de pago" })
  dueDate!: string;

  @Field(() => String, { description: "CUFE: código único de factura electrónica" })
  cufe!: string;

  @Field(() => Date, { nullable: true, description: "Cuándo se pagó; vacío si no está pagada" })
  paidAt!: Date | null;

  @Field(() => InvoicePayment, { nullable: true, description: "El pago PSE aplicado; vacío si no está pagada" })
  payment!: InvoicePayment | null;

  @Field(() => String, { description: "Número del contrato" })
  contractId!: string;
}
export const PacInvoiceConnection = connectionType("PacInvoice", PacInvoice, "facturas PAC");

@ObjectType({ description: "Deuda en un rango de días de mora" })
export class AgingRow {
  @Field(() => String, { description: "Rango de días de mora: 0-30, 31-60, 61-90, 90+" })
  bucket!: string;

  @Field(() => Int, { description: "Deudas en el rango: periodos de aporte (PBS) o facturas (PAC)" })
  count!: number;

  @Field(() => Pesos, { description: "Valor adeudado en el rango, en pesos" })
  amount!: number;
}

@ObjectType({ description: "Cartera del afiliado por edad de la deuda: aportes PBS y facturas PAC" })
export class Arrears {
  @Field(() => [AgingRow], { description: "Aportes PBS sin pagar" })
  pbs!: AgingRow[];

  @Field(() => [AgingRow], { description: "Facturas PAC sin pagar" })
  pac!: AgingRow[];

  @Field(() => Pesos, { description: "Total adeudado" })
  total!: number;
}

@ObjectType({ description: "Estado de cuenta PAC" })
export class PacStatement {
  @Field(() => [PacContract], { description: "Contratos PAC de los que el afiliado es titular o beneficiario" })
  contracts!: PacContract[];

  @Field(() => Pesos, { description: "Saldo por pagar (facturas emitidas y vencidas)" })
  balanceDue!: number;

  @Field(() => Pesos, { description: "Parte del saldo ya vencida" })
  overdueAmount!: number;

  @Field(() => LocalDate, { nullable: true, description: "Próxima fecha límite de pago" })
  nextDueDate!: string | null;

  @Field(() => [PacInvoice], { description: "Facturas por pagar, la más antigua primero" })
  unpaidInvoices!: PacInvoice[];
}

@ObjectType({ description: "Pagos PAC de un mes y lo deducible" })
export class WithholdingMonth {
  @Field(() => Int, { description: "Mes (1 a 12)" })
  month!: number;

  @Field(() => Pesos, { description: "Pagado ese mes en facturas PAC, en pesos (por la fecha de pago, hora de Colombia)" })
  paid!: number;

  @Field(() => Pesos, { description: "Deducible: lo pagado hasta 16 UVT" })
  deductible!: number;
}

@ObjectType({ description: "Cifra para el certificado de retención PAC: pagos que disminuyen la base de retención (hasta 16 UVT al mes, art. 387 E.T.)" })
export class PacWithholding {
  @Field(() => Int, { description: "Año gravable" })
  year!: number;

  @Field(() => Pesos, { description: "UVT del año" })
  uvt!: number;

  @Field(() => Pesos, { description: "Tope mensual (16 UVT)" })
  monthlyCap!: number;

  @Field(() => [WithholdingMonth], { description: "Los 12 meses del año, de enero a diciembre" })
  months!: WithholdingMonth[];

  @Field(() => Pesos, { description: "Total pagado en el año como titular" })
  paid!: number;

  @Field(() => Pesos, { description: "Total deducible del año: la suma de lo deducible de cada mes" })
  deductible!: number;
}

@ObjectType({ description: "Cartera PAC por edad (analistas: conteos redondeados y celdas pequeñas suprimidas)" })
export class PacArrearsCell {
  @Field(() => String, { description: "Rango de días de mora: 0-30, 31-60, 61-90, 90+" })
  bucket!: string;

  @Field(() => Int, { nullable: true, description: "Facturas (redondeado a 5; vacío si son menos de 5)" })
  count!: number | null;

  @Field(() => Pesos, { nullable: true, description: "Valor (vacío si la celda se suprime)" })
  amount!: number | null;
}

import { LocalDate, Pesos, todayInColombia } from "@sos/kit";
import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root, registerEnumType } from "type-graphql";
import { PAC, authorize } from "../access.js";
import type { Context } from "../context.js";
import { ContractState, type ContractDoc } from "./pac.model.js";

export enum PacAffiliationState {
  SIN_PAC = "SIN_PAC",
  ACTIVO = "ACTIVO",
  SUSPENDIDO_MORA = "SUSPENDIDO_MORA",
  CANCELADO = "CANCELADO",
}
registerEnumType(PacAffiliationState, {
  name: "PacAffiliationState",
  description: "Estado de la afiliación al plan complementario (PAC)",
  valuesConfig: {
    SIN_PAC: { description: "No tiene ni lo cubre un contrato PAC" },
    ACTIVO: { description: "Un contrato PAC activo lo cubre" },
    SUSPENDIDO_MORA: { description: "El contrato que lo cubre está suspendido por mora: se reactiva al pagar lo vencido" },
    CANCELADO: { description: "El contrato que lo cubría fue cancelado" },
  },
});

@ObjectType({ description: "Afiliación al plan complementario (PAC): el contrato que cubre al afiliado y su situación de pago" })
export class PacAffiliation {
  @Field(() => PacAffiliationState, { description: "Sin PAC, activo, suspendido por mora o cancelado" })
  state!: PacAffiliationState;

  @Field(() => String, { nullable: true, description: "Plan contratado" })
  plan!: string | null;

  @Field(() => String, { nullable: true, description: "Número del contrato" })
  contractNumber!: string | null;

  @Field(() => Boolean, { description: "El afiliado es el titular (quien firma y paga) del contrato" })
  holder!: boolean;

  @Field(() => LocalDate, { nullable: true, description: "Inicio del contrato" })
  startDate!: string | null;

  @Field(() => Pesos, { nullable: true, description: "Valor vencido sin pagar (solo para el titular)" })
  overdueAmount!: number | null;

  @Field(() => String, { description: "El estado en palabras, para mostrar al afiliado" })
  explanation!: string;
}

/** The affiliation subgraph's summary, extended here with the PAC. Only the key lives here. */
@Directive(`@key(fields: "memberId")`)
@ObjectType({ description: "Estado de afiliación PBS y PAC de un afiliado" })
export class AffiliationSummary {
  @Field(() => ID)
  memberId!: string;
}

// The contract that speaks for the member when there are several: an active one, then one in arrears, then the latest.
const PRECEDENCE: ContractState[] = [ContractState.ACTIVO, ContractState.SUSPENDIDO_MORA, ContractState.CANCELADO];
const principal = (contracts: ContractDoc[]): ContractDoc | undefined =>
  [...contracts].sort((a, b) => PRECEDENCE.indexOf(a.state) - PRECEDENCE.indexOf(b.state) || b.startDate.localeCompare(a.startDate))[0];

const EXPLANATION: Record<PacAffiliationState, string> = {
  SIN_PAC: "No tiene plan complementario. Puede contratarlo en la línea PAC (602) 4853057.",
  ACTIVO: "Plan complementario activo.",
  SUSPENDIDO_MORA: "Plan complementario suspendido por mora: se reactiva al pagar las facturas vencidas (PSE).",
  CANCELADO: "El contrato de plan complementario fue cancelado.",
};

@Resolver(() => AffiliationSummary)
export class PacSummaryResolver {
  @FieldResolver(() => PacAffiliation, { nullable: true, description: "Afiliación al PAC (el afiliado, el cotizante de su grupo y los agentes; no el empleador)" })
  async pac(@Root() summary: AffiliationSummary, @Ctx() ctx: Context): Promise<PacAffiliation> {
    await authorize(ctx, summary.memberId, PAC);
    const contract = principal(await ctx.loaders.contractsOf.load(summary.memberId));
    if (!contract) return { state: PacAffiliationState.SIN_PAC, plan: null, contractNumber: null, holder: false, startDate: null, overdueAmount: null, explanation: EXPLANATION.SIN_PAC };
    const holder = contract.holderId === summary.memberId;
    const today = todayInColombia();
    const overdue = holder ? (await ctx.loaders.unpaidInvoicesOf.load(summary.memberId)).filter((invoice) => invoice.dueDate < today).reduce((total, invoice) => total + invoice.amount, 0) : null;
    const state = PacAffiliationState[contract.state];
    return { state, plan: contract.plan, contractNumber: contract._id, holder, startDate: contract.startDate, overdueAmount: overdue, explanation: EXPLANATION[state] };
  }
}

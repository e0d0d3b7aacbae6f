import { IssueCertificateArgs, IssuedCertificateView, conflict, todayInColombia, type IssuedCertificate } from "@sos/kit";
import { addDays } from "@sos/kit/seed";
import { Args, Ctx, Mutation, Resolver } from "type-graphql";
import { PAC } from "../access.js";
import type { Context } from "../context.js";
import { pacStatementOf } from "../pac/pac.accounts.js";
import { certificateSubject, issueToHolder, pesos } from "./issue.js";

/** A statement is of one day's balance; it is taken for 30 days, like the other certificates. */
const VALID_DAYS = 30;
/** Rows a page holds: contracts, and unpaid invoices one by one (the rest summed on one line). */
const MAX_CONTRACTS = 3;
const MAX_INVOICES = 10;

@Resolver()
export class PacStatementCertificateResolver {
  @Mutation(() => IssuedCertificateView, {
    description:
      "Expide el estado de cuenta PAC (contratos, saldo por pagar, saldo vencido, próxima fecha límite, facturas por pagar) como PDF con código de verificación: el titular, su cotizante, agentes. Se niega (CONFLICT) sin contrato PAC, o a quien solo está cubierto por el contrato de otro",
  })
  async issuePacStatement(
    @Args(() => IssueCertificateArgs) { memberId, sendByEmail, idempotencyKey }: IssueCertificateArgs,
    @Ctx() ctx: Context,
  ): Promise<IssuedCertificate> {
    const subject = await certificateSubject(ctx, { memberId, sendByEmail, idempotencyKey, policy: PAC, action: "PAC_STATEMENT_ISSUE" });
    const { id } = subject;
    const today = todayInColombia();
    const statement = await pacStatementOf(ctx, id, today);
    if (!statement.contracts.length) throw conflict("No se puede expedir el estado de cuenta PAC: el afiliado no tiene contrato PAC.");
    // What is owed is owed by the holder: a member only covered by someone else's contract has no account.
    if (!statement.contracts.some((contract) => contract.holderId === id) && !statement.unpaidInvoices.length) {
      throw conflict("No se puede expedir el estado de cuenta PAC: el afiliado está cubierto por un contrato del que no es titular; el estado de cuenta se expide al titular.");
    }
    const contracts = statement.contracts.filter((contract) => contract.holderId === id);
    const invoices = statement.unpaidInvoices;
    const rest = invoices.slice(MAX_INVOICES);
    return issueToHolder(ctx, subject, sendByEmail, {
      type: "ESTADO_CUENTA_PAC",
      certifies: `Estado de cuenta PAC con corte al ${today}: ${statement.overdueAmount > 0 ? "con saldo vencido" : "sin saldo vencido"}`,
      validUntil: addDays(today, VALID_DAYS),
      title: "Estado de cuenta del Plan de Atención Complementaria (PAC)",
      statement: `titular de ${contracts.length === 1 ? "un contrato" : "contratos"} del Plan de Atención Complementaria en salud, presenta con corte a la fecha de expedición el estado de cuenta que sigue.`,
      lines: [
        ...contracts.slice(0, MAX_CONTRACTS).map((contract) => ({ label: `Contrato ${contract._id}`, value: `${contract.plan}, ${contract.state}, tarifa mensual ${pesos(contract.monthlyFee)}` })),
        { label: "Saldo por pagar", value: pesos(statement.balanceDue) },
        { label: "Saldo vencido", value: pesos(statement.overdueAmount) },
        { label: "Próxima fecha límite de pago", value: statement.nextDueDate ?? "—" },
        { label: "Facturas por pagar", value: invoices.length ? String(invoices.length) : "Ninguna" },
        ...invoices.slice(0, MAX_INVOICES).map((invoice) => ({
          label: `Factura ${invoice._id}`,
          value: `Periodo ${invoice.period}, ${pesos(invoice.amount)}, vence ${invoice.dueDate}${invoice.dueDate < today ? " (vencida)" : ""}`,
        })),
        ...(rest.length ? [{ label: "Otras facturas por pagar", value: `${rest.length}, por ${pesos(rest.reduce((total, invoice) => total + invoice.amount, 0))}` }] : []),
      ],
      mail: { subject: "Estado de cuenta PAC", filename: "estado-cuenta-pac" },
    });
  }
}

import { IssueCertificateArgs, IssuedCertificateView, conflict, todayInColombia, type IssuedCertificate } from "@sos/kit";
import { addDays } from "@sos/kit/seed";
import { Args, Ctx, Mutation, Resolver } from "type-graphql";
import { PAC } from "../access.js";
import type { Context } from "../context.js";
import { ContractState, type ContractDoc } from "../pac/pac.model.js";
import { certificateSubject, issueToHolder } from "./issue.js";

/** It speaks of the contracts as they are today: 30 days, like the PBS affiliation certificate. */
const VALID_DAYS = 30;
/** Contracts shown (a member is in one or two; a page holds this many). */
const MAX_CONTRACTS = 3;

const STATE_ORDER: readonly string[] = [ContractState.ACTIVO, ContractState.SUSPENDIDO_MORA, ContractState.CANCELADO];

/** Contracts in force first, then the most recent. */
const byRelevance = (a: ContractDoc, b: ContractDoc): number => STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state) || b.startDate.localeCompare(a.startDate);

@Resolver()
export class PacAffiliationCertificateResolver {
  @Mutation(() => IssuedCertificateView, {
    description:
      "Expide el certificado de afiliación al PAC (contratos que el afiliado tiene o que lo cubren: plan, estado, fecha de inicio) como PDF con código de verificación: el afiliado, su cotizante, agentes. Se niega (CONFLICT) sin contrato PAC",
  })
  async issuePacAffiliationCertificate(
    @Args(() => IssueCertificateArgs) { memberId, sendByEmail, idempotencyKey }: IssueCertificateArgs,
    @Ctx() ctx: Context,
  ): Promise<IssuedCertificate> {
    const subject = await certificateSubject(ctx, { memberId, sendByEmail, idempotencyKey, policy: PAC, action: "PAC_AFFILIATION_CERTIFICATE_ISSUE" });
    const { id } = subject;
    const contracts = [...(await ctx.loaders.contractsOf.load(id))].sort(byRelevance);
    if (!contracts.length) throw conflict("No se puede expedir el certificado de afiliación al PAC: el afiliado no tiene contrato PAC ni está cubierto por uno.");
    const shown = contracts.slice(0, MAX_CONTRACTS);
    const states = [...new Set(contracts.map((contract) => contract.state))];
    return issueToHolder(ctx, subject, sendByEmail, {
      type: "AFILIACION_PAC",
      certifies: `Afiliación al PAC a la fecha de expedición: ${contracts.length === 1 ? "un contrato" : `${contracts.length} contratos`}, ${states.join(", ")}`,
      validUntil: addDays(todayInColombia(), VALID_DAYS),
      title: "Certificado de afiliación al Plan de Atención Complementaria (PAC)",
      statement: `figura, a la fecha de expedición, en ${contracts.length === 1 ? "el contrato del Plan de Atención Complementaria en salud que sigue" : "los contratos del Plan de Atención Complementaria en salud que siguen"}.`,
      lines: [
        ...shown.flatMap((contract) => [
          { label: "Contrato", value: contract._id },
          { label: "Plan", value: contract.plan },
          { label: "Calidad", value: contract.holderId === id ? "Titular" : "Beneficiario(a)" },
          { label: "Estado", value: contract.state },
          { label: "Fecha de inicio", value: contract.startDate },
          ...(contract.endDate ? [{ label: "Fecha de terminación", value: contract.endDate }] : []),
        ]),
        ...(contracts.length > shown.length ? [{ label: "Otros contratos", value: contracts.slice(shown.length).map((contract) => contract._id).join(", ") }] : []),
      ],
      mail: { subject: "Certificado de afiliación al PAC", filename: "afiliacion-pac" },
    });
  }
}

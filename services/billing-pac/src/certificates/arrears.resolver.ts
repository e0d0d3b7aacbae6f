import { IssueCertificateArgs, IssuedCertificateView, conflict, todayInColombia, type IssuedCertificate } from "@sos/kit";
import { addDays } from "@sos/kit/seed";
import { Args, Ctx, Mutation, Resolver } from "type-graphql";
import { CONTRIBUTIONS, PAC } from "../access.js";
import type { Context } from "../context.js";
import { arrearsOf, type ArrearsFigures } from "../pac/pac.accounts.js";
import { certificateSubject, issueToHolder, pesos } from "./issue.js";

const VALID_DAYS = 30;

const BUCKETS: Readonly<Record<string, string>> = { "0-30": "hasta 30 días", "31-60": "31 a 60 días", "61-90": "61 a 90 días", "90+": "más de 90 días" };

/** One line per age bucket that holds a debt. */
const agingLines = (plan: string, unit: [string, string], rows: ArrearsFigures["pbs"]) =>
  rows
    .filter((row) => row.count > 0)
    .map((row) => ({ label: `${plan}, mora de ${BUCKETS[row.bucket] ?? row.bucket}`, value: `${row.count} ${row.count === 1 ? unit[0] : unit[1]}, ${pesos(row.amount)}` }));

const total = (rows: ArrearsFigures["pbs"]): number => rows.reduce((sum, row) => sum + row.amount, 0);

@Resolver()
export class ArrearsCertificateResolver {
  @Mutation(() => IssuedCertificateView, {
    description:
      "Expide el certificado de cartera (aportes al PBS en mora y facturas PAC vencidas, por edad de la deuda; «sin deudas» si no hay) como PDF con código de verificación: el afiliado, su cotizante, agentes; su empleador, solo la parte PBS de los periodos a su cargo. Se niega (CONFLICT) sin aportes ni contratos PAC registrados",
  })
  async issueArrearsCertificate(
    @Args(() => IssueCertificateArgs) { memberId, sendByEmail, idempotencyKey }: IssueCertificateArgs,
    @Ctx() ctx: Context,
  ): Promise<IssuedCertificate> {
    const subject = await certificateSubject(ctx, { memberId, sendByEmail, idempotencyKey, policy: CONTRIBUTIONS, action: "ARREARS_CERTIFICATE_ISSUE" });
    const { id, relation, aportanteNit } = subject;
    // The PAC part only to those the PAC is shown to (never the employer, which gets the PBS part it paid).
    const withPac = PAC.allowed.some((allowed) => allowed === relation);
    const today = todayInColombia();
    const [arrears, contributed, contracts] = await Promise.all([
      arrearsOf(ctx, id, { aportanteNit, withPac }, today),
      ctx.models.contributions.exists({ memberId: id, ...(aportanteNit && { aportanteNit }) }),
      withPac ? ctx.loaders.contractsOf.load(id) : Promise.resolve([]),
    ]);
    if (!contributed && !contracts.length) {
      throw conflict(`No se puede expedir el certificado de cartera: no hay aportes al PBS${withPac ? " ni contratos PAC" : " a su cargo"} registrados a nombre del afiliado.`);
    }
    const what = withPac ? "aportes al PBS ni facturas del PAC" : "aportes al PBS a cargo del aportante que lo solicita";
    const pbsDue = total(arrears.pbs);
    const pacDue = total(arrears.pac);
    return issueToHolder(ctx, subject, sendByEmail, {
      type: "CARTERA",
      certifies: `Cartera ${withPac ? "PBS y PAC" : "PBS (periodos del aportante que lo pidió)"} con corte al ${today}: ${arrears.total ? "con deudas en mora" : "sin deudas"}`,
      validUntil: addDays(today, VALID_DAYS),
      title: withPac ? "Certificado de cartera: aportes al PBS y Plan de Atención Complementaria (PAC)" : "Certificado de cartera de aportes al PBS",
      statement: arrears.total
        ? `registra con corte a la fecha de expedición la cartera en mora que sigue, por ${withPac ? "aportes al PBS y facturas del PAC" : "aportes al PBS a cargo del aportante que lo solicita"}, por edad de la deuda.`
        : `se encuentra sin deudas: no registra en mora, a la fecha de expedición, ${what}.`,
      lines: [
        { label: "Periodos PBS en mora", value: periodList(arrears.pbsPeriods) },
        ...agingLines("PBS", ["periodo", "periodos"], arrears.pbs),
        { label: "Total PBS en mora", value: pesos(pbsDue) },
        ...(withPac
          ? [
              { label: "Facturas PAC vencidas", value: arrears.pac.some((row) => row.count > 0) ? String(arrears.pac.reduce((sum, row) => sum + row.count, 0)) : "Ninguna" },
              ...agingLines("PAC", ["factura", "facturas"], arrears.pac),
              { label: "Total PAC vencido", value: pesos(pacDue) },
            ]
          : []),
        { label: "Total en mora", value: pesos(arrears.total) },
        { label: "Situación", value: arrears.total ? "Con deudas en mora" : "Sin deudas" },
      ],
      mail: { subject: "Certificado de cartera", filename: "cartera" },
    });
  }
}

/** The periods owed, at most a line's worth: the oldest, and how many more (the totals below count them all). */
const SHOWN_PERIODS = 12;
function periodList(periods: readonly string[]): string {
  if (!periods.length) return "Ninguno";
  const shown = periods.slice(0, SHOWN_PERIODS).join(", ");
  return periods.length > SHOWN_PERIODS ? `${shown} y ${periods.length - SHOWN_PERIODS} más` : shown;
}

import { PageArgs, badUserInput, findPage, requirePurpose, isDuplicateKeyError, newId, parseNit, requireRole, selectsField, todayInColombia } from "@sos/kit";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, Info, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { storedSisbenRegistry } from "../sisben/sisben.registry.js";
import { MAY_RETURN } from "../member/member.enrol.js";
import { CotizanteKind, Regime, isSubsidyEligible } from "../member/member.enums.js";
import type { PersonInput } from "../member/member.input.js";
import { AffiliationApplicationInput } from "./application.input.js";
import { ApplicationStatus, DuplicateReason, nextValue, type ApplicantPersonDoc, type ApplicationDoc } from "./application.model.js";
import { familyProblem } from "./application.rules.js";
import { AffiliationApplicationConnection, AffiliationApplicationReceipt } from "./application.type.js";

const receipt = (application: ApplicationDoc): AffiliationApplicationReceipt => ({
  filingNumber: application.filingNumber,
  receivedAt: application.createdAt ?? new Date(),
  message: `Recibimos su solicitud con el radicado ${application.filingNumber}. La revisaremos y le responderemos por el correo o el celular que indicó.`,
});

const personOf = (person: PersonInput): ApplicantPersonDoc => ({ ...person, middleName: person.middleName ?? null, secondSurname: person.secondSurname ?? null });

/** The same applicant retrying: same document and the same e-mail or mobile. */
const sameApplicant = (open: ApplicationDoc, input: AffiliationApplicationInput): boolean =>
  (!!input.contact.email && open.contact.email?.toLowerCase() === input.contact.email.toLowerCase()) ||
  (!!input.contact.mobile && open.contact.mobile === input.contact.mobile);

@Resolver(() => AffiliationApplicationReceipt)
export class ApplicationResolver {
  @Query(() => AffiliationApplicationConnection, {
    description: "Solicitudes de afiliación por estado, en orden de radicación (agentes, con propósito declarado)",
  })
  async affiliationApplications(
    @Arg("status", () => ApplicationStatus, { defaultValue: ApplicationStatus.RADICADA, description: "Estado de las solicitudes a listar (por defecto, las radicadas: la cola de revisión)" }) status: ApplicationStatus,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    requireRole(ctx.viewer, "AGENT");
    requirePurpose(ctx);
    return findPage<ApplicationDoc>({
      model: ctx.models.applications,
      filter: { status },
      // Filing numbers are unique and grow with time (AF-YYYY-NNNNNNN): the queue's order.
      sortField: "filingNumber",
      args: page,
      withTotal: selectsField(info, "totalCount"),
    });
  }

  @Mutation(() => AffiliationApplicationReceipt, {
    description:
      "«Quiero afiliarme»: recibe la solicitud de una persona que aún no está afiliada. No requiere sesión. Repetir el envío con los mismos datos de contacto devuelve el mismo radicado. La respuesta es la misma aunque la persona ya esté afiliada o tenga otra solicitud en curso: esas no entran a revisión y el centro de contacto le responde.",
  })
  async applyForAffiliation(
    @Arg("input", () => AffiliationApplicationInput, { description: "Los datos de la solicitud" }) input: AffiliationApplicationInput,
    @Ctx() ctx: Context,
  ): Promise<AffiliationApplicationReceipt> {
    const { person } = input;
    if (input.regime === Regime.SUBSIDIADO && !isSubsidyEligible(input.sisbenGroup ?? "")) {
      throw badUserInput({ field: "input.sisbenGroup", message: "Solo los grupos SISBEN A, B y C pueden afiliarse al régimen subsidiado." });
    }
    if (input.regime === Regime.SUBSIDIADO) {
      // The group is checked against the SISBEN IV registry, not taken on the applicant's word.
      const record = await storedSisbenRegistry(ctx.models.sisben).lookup(person.documentType, person.documentNumber);
      if (!record) throw badUserInput({ field: "input.sisbenGroup", message: "La persona no aparece en el SISBEN IV: solicite la encuesta en la alcaldía de su municipio." });
      if (record.group !== input.sisbenGroup) throw badUserInput({ field: "input.sisbenGroup", message: `El SISBEN IV registra a la persona en el grupo ${record.group}.` });
    }
    if (input.regime === Regime.SUBSIDIADO && input.cotizanteKind) {
      throw badUserInput({ field: "input.cotizanteKind", message: "En el régimen subsidiado no hay clase de cotizante." });
    }
    const family = familyProblem(input, todayInColombia());
    if (family) throw badUserInput(family);
    const employerNit = input.employerNit ? (parseNit(input.employerNit)?.base ?? null) : null;
    if (input.cotizanteKind !== CotizanteKind.DEPENDIENTE && employerNit) {
      throw badUserInput({ field: "input.employerNit", message: "Solo un cotizante dependiente indica empleador." });
    }

    const { applications, counters } = ctx.models;
    const openFilter = { "person.documentType": person.documentType, "person.documentNumber": person.documentNumber, status: ApplicationStatus.RADICADA };
    // Two attempts: the second only when a concurrent identical application won the unique index.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const open = await applications.findOne(openFilter).lean<ApplicationDoc>().exec();
      if (open && sameApplicant(open, input)) return receipt(open);

      const member = await ctx.loaders.memberByDocument.load({ documentType: person.documentType, documentNumber: person.documentNumber });
      // A retired member (or one in protección laboral) may apply again; anyone else affiliated is a duplicate.
      const duplicateReason =
        member && !MAY_RETURN.includes(member.state) ? DuplicateReason.YA_AFILIADO : open ? DuplicateReason.SOLICITUD_EN_CURSO : null;

      const year = todayInColombia().slice(0, 4);
      const sequence = await nextValue(counters, `application-${year}`);
      const doc: ApplicationDoc = {
        _id: newId(),
        filingNumber: `AF-${year}-${String(sequence).padStart(7, "0")}`,
        status: duplicateReason ? ApplicationStatus.DUPLICADA : ApplicationStatus.RADICADA,
        duplicateReason,
        person: personOf(person),
        contact: { ...input.contact },
        municipalityCode: input.municipalityCode,
        regime: input.regime,
        cotizanteKind: input.cotizanteKind ?? null,
        employerNit,
        sisbenGroup: input.sisbenGroup ?? null,
        beneficiaries: (input.beneficiaries ?? []).map((beneficiary) => ({
          person: personOf(beneficiary.person),
          relationship: beneficiary.relationship,
          permanentDisability: beneficiary.permanentDisability,
          economicDependent: beneficiary.economicDependent,
        })),
        joinFamilyGroup: input.joinFamilyGroup ? { ...input.joinFamilyGroup } : null,
      };
      try {
        const [created] = await applications.create([doc]);
        return receipt((created as NonNullable<typeof created>).toObject());
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
    // Only reachable if the unique index keeps refusing with no open application visible.
    throw new Error("applyForAffiliation: could not settle a concurrent application");
  }
}

import { badUserInput, conflict, parseNit, todayInColombia } from "@sos/kit";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { newMemberId } from "../family/family.resolver.js";
import { CotizanteKind, Regime, isSubsidyEligible } from "../member/member.enums.js";
import { AffiliationApplicationInput } from "./application.input.js";
import { ApplicationStatus, nextValue, type ApplicationDoc } from "./application.model.js";
import { AffiliationApplication } from "./application.type.js";

const isDuplicateKey = (error: unknown): boolean => (error as { code?: number }).code === 11000;

@Resolver(() => AffiliationApplication)
export class ApplicationResolver {
  @Mutation(() => AffiliationApplication, {
    description:
      "«Quiero afiliarme»: radica la solicitud de una persona que aún no está afiliada, para revisión. No requiere sesión. Se rechaza si la persona ya está afiliada o ya tiene una solicitud en revisión.",
  })
  async applyForAffiliation(
    @Arg("input", () => AffiliationApplicationInput) input: AffiliationApplicationInput,
    @Ctx() ctx: Context,
  ): Promise<ApplicationDoc> {
    const { person } = input;
    if (input.regime === Regime.SUBSIDIADO && !isSubsidyEligible(input.sisbenGroup ?? "")) {
      throw badUserInput({ field: "input.sisbenGroup", message: "Solo los grupos SISBEN A, B y C pueden afiliarse al régimen subsidiado." });
    }
    const employerNit = input.employerNit ? (parseNit(input.employerNit)?.base ?? null) : null;
    if (input.regime === Regime.SUBSIDIADO && input.cotizanteKind) {
      throw badUserInput({ field: "input.cotizanteKind", message: "En el régimen subsidiado no hay clase de cotizante." });
    }
    if (input.cotizanteKind !== CotizanteKind.DEPENDIENTE && employerNit) {
      throw badUserInput({ field: "input.employerNit", message: "Solo un cotizante dependiente indica empleador." });
    }

    const documentKey = { documentType: person.documentType, documentNumber: person.documentNumber };
    if (await ctx.loaders.memberByDocument.load(documentKey)) {
      throw conflict("Esta persona ya está afiliada a S.O.S. Consulte su afiliación en la Oficina Virtual.");
    }
    const open = await ctx.models.applications
      .findOne({ "person.documentType": person.documentType, "person.documentNumber": person.documentNumber, status: ApplicationStatus.RADICADA })
      .lean<ApplicationDoc>()
      .exec();
    if (open) throw alreadyFiled(open.filingNumber);

    const year = todayInColombia().slice(0, 4);
    const sequence = await nextValue(ctx.models.counters, `application-${year}`);
    const doc: ApplicationDoc = {
      _id: newMemberId(),
      filingNumber: `AF-${year}-${String(sequence).padStart(7, "0")}`,
      status: ApplicationStatus.RADICADA,
      person: { ...person, middleName: person.middleName ?? null, secondSurname: person.secondSurname ?? null },
      contact: { ...input.contact },
      municipalityCode: input.municipalityCode,
      regime: input.regime,
      cotizanteKind: input.cotizanteKind ?? null,
      employerNit,
      sisbenGroup: input.sisbenGroup ?? null,
    };
    try {
      const [created] = await ctx.models.applications.create([doc]);
      return (created as NonNullable<typeof created>).toObject();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // A concurrent identical application won the unique index: answer with its filing number.
      const winner = await ctx.models.applications
        .findOne({ "person.documentType": person.documentType, "person.documentNumber": person.documentNumber, status: ApplicationStatus.RADICADA })
        .lean<ApplicationDoc>()
        .exec();
      throw alreadyFiled(winner?.filingNumber ?? "");
    }
  }
}

const alreadyFiled = (filingNumber: string) =>
  conflict(`Ya hay una solicitud de afiliación en revisión para este documento (radicado ${filingNumber}).`, { filingNumber });

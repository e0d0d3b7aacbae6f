import { PageArgs, authorizeMemberRecord, badUserInput, findPage, notYours, requireViewer, selectsField, todayInColombia } from "@sos/kit";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import { Diagnosis } from "../authorization/authorization.type.js";
import type { Context } from "../context.js";
import { Ips, ipsRef } from "../ips/ips.type.js";
import { Member } from "../member/member.type.js";
import { prescriptionPolicy, viewerIpsCode } from "./mipres.access.js";
import { MipresSetting, PRESCRIPTION_STATE_CODE, SupplyState, type PrescriptionState, type TechnologyType } from "./mipres.enums.js";
import type { PrescriptionDoc, TechnologyDoc } from "./mipres.model.js";
import { isPrescriptionNumber, isTechnologyVigente, isVigente, remaining, supplyState, technologyWindowEnd, windowEnd } from "./mipres.rules.js";
import { MipresPrescription, MipresPrescriptionConnection, MipresTechnology } from "./mipres.type.js";

/** A technology with what its own window depends on, so each one says until when it can be delivered. */
export type TechnologyView = TechnologyDoc & { prescribedAt: string; prescriptionState: PrescriptionState };

/**
 * MIPRES prescriptions. Every path to a prescription passes authorizeMemberRecord first (here, and in
 * Member.mipresPrescriptions), so the field resolvers below only ever see a prescription the viewer may read.
 */
@Resolver(() => MipresPrescription)
export class MipresResolver {
  @Query(() => MipresPrescription, {
    description: "Una prescripción MIPRES por su número: el afiliado, su cuidador (menores), las IPS que nombra (prescriptora y dispensadoras) y agentes. Cada consulta queda registrada",
  })
  async mipresPrescription(@Arg("number", () => ID, { description: "Número de prescripción (20 dígitos)" }) number: string, @Ctx() ctx: Context): Promise<PrescriptionDoc> {
    requireViewer(ctx.viewer);
    if (!isPrescriptionNumber(number)) {
      throw badUserInput({ field: "number", message: "El número de prescripción MIPRES tiene 20 dígitos y empieza con la fecha de la prescripción (AAAAMMDD)." });
    }
    const prescription = await ctx.loaders.prescriptionByNumber.load(number);
    // Not there and not yours get the same answer: numbers cannot be probed.
    if (!prescription) throw notYours();
    await authorizeMemberRecord(ctx, prescription.memberId, prescriptionPolicy(prescription));
    return prescription;
  }

  @Query(() => MipresPrescriptionConnection, {
    description: "Prescripciones MIPRES direccionadas a mi IPS (dispensador), de la más reciente a la más antigua. Solo IPS; cada una queda registrada",
  })
  async mipresRoutedToMe(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const ipsCode = viewerIpsCode(ctx);
    const result = await findPage<PrescriptionDoc>({
      model: ctx.models.prescriptions,
      filter: { "technologies.dispenserIpsCode": ipsCode },
      sortField: "sortKey",
      direction: -1,
      args: page,
      withTotal: selectsField(info, "totalCount"),
    });
    // Each one names this clinic, so each passes as CONCERNED_IPS; the call writes its ledger entry.
    await Promise.all(result.nodes.map((prescription) => authorizeMemberRecord(ctx, prescription.memberId, prescriptionPolicy(prescription))));
    for (const prescription of result.nodes) ctx.loaders.prescriptionByNumber.prime(prescription._id, prescription);
    return result;
  }

  @FieldResolver(() => Diagnosis, { description: "Diagnóstico CIE-10 de la prescripción. Dato de salud: cada lectura queda registrada" })
  diagnosis(@Root() prescription: PrescriptionDoc, @Ctx() ctx: Context): Diagnosis {
    ctx.audit.record("MIPRES_DIAGNOSIS_READ", prescription.memberId);
    return { ...prescription.diagnosis, cie11Code: null, principal: true };
  }

  @FieldResolver(() => Member, { description: "Afiliado paciente" })
  member(@Root() prescription: PrescriptionDoc): Member {
    return { id: prescription.memberId };
  }

  @FieldResolver(() => MipresSetting, { description: "Ámbito de atención" })
  setting(@Root() prescription: PrescriptionDoc): MipresSetting {
    return prescription.settingCode;
  }

  @FieldResolver(() => String, { description: "Estado con el código de MIPRES: 4 activa, 2 anulada" })
  stateCode(@Root() prescription: PrescriptionDoc): string {
    return PRESCRIPTION_STATE_CODE[prescription.state];
  }

  @FieldResolver(() => Boolean, {
    description: "Vigente hoy: activa, sin entregar completa y dentro de su plazo (3 meses desde la prescripción si es entrega única; 1 año si son entregas sucesivas)",
  })
  vigente(@Root() prescription: PrescriptionDoc): boolean {
    return isVigente(prescription, todayInColombia());
  }

  @FieldResolver(() => String, { description: "Último día (AAAA-MM-DD) en que puede entregarse lo que falta de la prescripción" })
  validUntil(@Root() prescription: PrescriptionDoc): string {
    return windowEnd(prescription);
  }

  @FieldResolver(() => [MipresTechnology])
  technologies(@Root() prescription: PrescriptionDoc): TechnologyView[] {
    return prescription.technologies.map((technology) => ({ ...technology, prescribedAt: prescription.prescribedAt, prescriptionState: prescription.state }));
  }
}

/** What a technology's supply looks like to whoever may read its prescription. */
@Resolver(() => MipresTechnology)
export class MipresTechnologyResolver {
  @FieldResolver(() => String, { description: "Código MIPRES del tipo de tecnología: M, P, D, N o S" })
  typeCode(@Root() technology: TechnologyView): TechnologyType {
    return technology.type;
  }

  @FieldResolver(() => Int, { description: "Cantidad que falta por entregar" })
  remaining(@Root() technology: TechnologyView): number {
    return remaining(technology);
  }

  @FieldResolver(() => SupplyState, { description: "Dónde va el suministro: sin direccionar, direccionada, entrega parcial o completa" })
  supplyState(@Root() technology: TechnologyView): SupplyState {
    return supplyState(technology);
  }

  @FieldResolver(() => Ips, { nullable: true, description: "Direccionamiento: la IPS (dispensador) que debe entregarla; vacía si aún no se ha direccionado" })
  dispenser(@Root() technology: TechnologyView): Ips | null {
    return ipsRef(technology.dispenserIpsCode);
  }

  @FieldResolver(() => String, { description: "Último día (AAAA-MM-DD) en que puede entregarse: 3 meses si es entrega única, 1 año si son entregas sucesivas" })
  validUntil(@Root() technology: TechnologyView): string {
    return technologyWindowEnd(technology.prescribedAt, technology);
  }

  @FieldResolver(() => Boolean, { description: "Todavía puede entregarse hoy: prescripción activa, falta por entregar y dentro de su plazo" })
  deliverable(@Root() technology: TechnologyView): boolean {
    return isTechnologyVigente({ prescribedAt: technology.prescribedAt, state: technology.prescriptionState }, technology, todayInColombia());
  }
}

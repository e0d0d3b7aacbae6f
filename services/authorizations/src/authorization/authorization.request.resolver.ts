import { authorizeMemberRecord, badUserInput, isDuplicateKeyError, requireRole, todayInColombia, type Viewer } from "@sos/kit";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { ATTACHMENT_PURPOSE } from "../attachment/attachment.resolver.js";
import type { CupsDoc } from "../catalog/catalog.model.js";
import type { Context } from "../context.js";
import { activeClinic } from "../ips/directory.client.js";
import { entitledMember } from "../member/member.profile.js";
import { REQUEST_POLICY, authorizationWritten, authorizedAuthorization } from "./authorization.access.js";
import { AuthorizationState, CareSetting } from "./authorization.enums.js";
import { RequestAuthorizationInput } from "./authorization.input.js";
import { nextNumber, type AuthorizationDoc, type DiagnosisDoc, type ItemDoc } from "./authorization.model.js";
import { classify, deadlineFor, payerOf } from "./authorization.rules.js";
import { Authorization } from "./authorization.type.js";

/** Ley 1751 de 2015, art. 14: initial emergency care is never subject to an authorization. */
export const INITIAL_EMERGENCY_MESSAGE =
  "La atención inicial de urgencias no requiere autorización (Ley 1751 de 2015, art. 14): toda IPS debe prestarla sin exigirla. Aquí se solicita solo la atención posterior a la urgencia (afterEmergency).";

/** The oldest service date a request may carry: older orders have lapsed. */
const MAX_SERVICE_AGE_DAYS = 365;

@Resolver(() => Authorization)
export class AuthorizationRequestResolver {
  @Mutation(() => Authorization, {
    description: "Radica una solicitud de autorización (el afiliado o su cuidador, una IPS para un paciente, o un agente). Con la misma idempotencyKey devuelve el mismo radicado",
  })
  async requestAuthorization(@Arg("input", () => RequestAuthorizationInput, { description: "La solicitud: paciente, profesional, diagnósticos, servicios y soportes" }) input: RequestAuthorizationInput, @Ctx() ctx: Context): Promise<AuthorizationDoc> {
    const viewer = requireRole(ctx.viewer, "MEMBER", "IPS", "AGENT");
    const requestingIpsCode = await this.requester(ctx, viewer, input);
    if (input.setting === CareSetting.URGENCIAS && !input.afterEmergency) throw badUserInput({ field: "input.setting", message: INITIAL_EMERGENCY_MESSAGE });
    const serviceDate = checkServiceDate(input.serviceDate ?? todayInColombia());
    const items = await this.items(ctx, input);
    const diagnoses = await this.diagnoses(ctx, input);
    if (input.idempotencyKey) {
      const earlier = await this.earlier(ctx, viewer, input.idempotencyKey);
      if (earlier) return authorizedAuthorization(ctx, earlier);
    }
    // The patient's own uploads, stored and unused: refused before a number is spent on the request.
    const attachments = { memberId: input.memberId, purpose: ATTACHMENT_PURPOSE, field: "input.attachments" };
    await ctx.uploads.check(input.attachments, { ...attachments, by: "" });
    await entitledMember(ctx, input.memberId);

    const filedAt = new Date();
    const year = todayInColombia(filedAt).slice(0, 4);
    const consecutive = await nextNumber(ctx.models.counters, `AUT-${year}`);
    const number = `AUT-${year}-${String(consecutive).padStart(7, "0")}`;
    const deadline = deadlineFor(serviceDate, classify(input), filedAt);
    const doc: AuthorizationDoc = {
      _id: number,
      memberId: input.memberId,
      state: AuthorizationState.RADICADA,
      requestingIpsCode,
      professional: { name: input.professional.name, documentNumber: input.professional.documentNumber, specialty: input.professional.specialty ?? null },
      diagnoses,
      items,
      setting: input.setting,
      afterEmergency: input.afterEmergency,
      origin: input.origin,
      payer: payerOf(input.origin),
      prioritised: input.prioritised,
      specialProtection: [...input.specialProtection],
      attachments: [...input.attachments],
      serviceDate,
      filedAt,
      filedBy: { subject: viewer.subject, role: viewer.role },
      deadline,
      answeredAt: null,
      destinationIpsCode: null,
      validUntil: null,
      denialReason: null,
      history: [{ from: null, to: AuthorizationState.RADICADA, at: filedAt, by: viewer.subject, role: viewer.role, note: null }],
      idempotencyKey: input.idempotencyKey ? clientKey(viewer, input.idempotencyKey) : `auto:${number}`,
      sortKey: `${filedAt.toISOString()}:${number}`,
      queueKey: `${deadline.dueAt.toISOString()}:${number}`,
      version: 1,
    };
    // Taken for this request before it is written, so no other request can take them meanwhile.
    const taken = await ctx.uploads.reference(input.attachments, { ...attachments, by: number });
    try {
      await ctx.models.authorizations.create(doc);
    } catch (error) {
      await ctx.uploads.release(taken, number);
      // The same key sent twice at once: the first filing stands, the retry gets it.
      const earlier = input.idempotencyKey && isDuplicateKeyError(error) ? await this.earlier(ctx, viewer, input.idempotencyKey) : null;
      if (!earlier) throw error;
      return authorizedAuthorization(ctx, earlier);
    }
    ctx.audit.record(REQUEST_POLICY.action, doc.memberId);
    authorizationWritten(ctx, doc);
    return doc;
  }

  /** Members and agents file for a patient they may see; a clinic files in its own name for whoever presents. */
  private async requester(ctx: Context, viewer: Viewer, input: RequestAuthorizationInput): Promise<string> {
    if (viewer.role === "IPS") {
      if (input.requestingIpsCode && input.requestingIpsCode !== viewer.ipsCode) {
        throw badUserInput({ field: "input.requestingIpsCode", message: "Una IPS solo puede radicar solicitudes a su propio nombre." });
      }
      return viewer.ipsCode as string;
    }
    await authorizeMemberRecord(ctx, input.memberId, REQUEST_POLICY);
    if (!input.requestingIpsCode) throw badUserInput({ field: "input.requestingIpsCode", message: "Indique la IPS que ordenó el servicio (código de habilitación)." });
    // Naming a clinic gives it the request: it must be an active clinic of the network.
    return activeClinic(ctx, input.requestingIpsCode, "input.requestingIpsCode");
  }

  /** Each CUPS code must be in the catalogue; an initial emergency service is refused like the setting. */
  private async items(ctx: Context, input: RequestAuthorizationInput): Promise<ItemDoc[]> {
    const found = await ctx.loaders.cupsByCode.loadMany(input.items.map((item) => item.cupsCode));
    return input.items.map((item, i) => {
      const entry = found[i];
      if (!entry || entry instanceof Error) throw badUserInput({ field: `input.items.${i}.cupsCode`, message: `El código CUPS ${item.cupsCode} no está en el catálogo de procedimientos.` });
      if ((entry as CupsDoc).initialEmergencyCare) throw badUserInput({ field: `input.items.${i}.cupsCode`, message: INITIAL_EMERGENCY_MESSAGE });
      return { cupsCode: item.cupsCode, description: entry.description, kind: entry.kind, quantity: item.quantity, approvedQuantity: null, denialReason: null, charge: null };
    });
  }

  private async diagnoses(ctx: Context, input: RequestAuthorizationInput): Promise<DiagnosisDoc[]> {
    const found = await ctx.loaders.cie10ByCode.loadMany(input.diagnoses.map((diagnosis) => diagnosis.code));
    return input.diagnoses.map((diagnosis, i) => {
      const entry = found[i];
      if (!entry || entry instanceof Error) throw badUserInput({ field: `input.diagnoses.${i}.code`, message: `El diagnóstico ${diagnosis.code} no está en el catálogo CIE-10.` });
      return { code: diagnosis.code, system: "CIE-10", description: entry.description, cie11Code: diagnosis.cie11Code ?? null, principal: i === 0 };
    });
  }

  private earlier(ctx: Context, viewer: Viewer, idempotencyKey: string): Promise<AuthorizationDoc | null> {
    return ctx.models.authorizations.findOne({ idempotencyKey: clientKey(viewer, idempotencyKey) }).lean<AuthorizationDoc>().exec();
  }
}

/** A client's key is its own: two users sending the same key get two filings. */
const clientKey = (viewer: Viewer, key: string): string => `${viewer.subject}:${key}`;

function checkServiceDate(date: string): string {
  const today = todayInColombia();
  if (date > today) throw badUserInput({ field: "input.serviceDate", message: "La fecha del servicio no puede ser futura." });
  const oldest = new Date(Date.parse(`${today}T00:00:00Z`) - MAX_SERVICE_AGE_DAYS * 86_400_000).toISOString().slice(0, 10);
  if (date < oldest) throw badUserInput({ field: "input.serviceDate", message: "La orden tiene más de un año: pida una nueva al profesional." });
  return date;
}


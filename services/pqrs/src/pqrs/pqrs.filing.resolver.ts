import { RecordAudience, authorizeMemberRecord, badUserInput, forbidden, isDuplicateKeyError, todayInColombia } from "@sos/kit";
import { createHash } from "node:crypto";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { authorizedPqrs, pqrsWritten } from "./pqrs.access.js";
import { FilePqrsInput } from "./pqrs.input.js";
import type { PqrsDoc } from "./pqrs.model.js";
import { ANONYMOUS_TYPES, PetitionKind, PqrsType, dueAtFor, termFor } from "./pqrs.rules.js";
import { Pqrs } from "./pqrs.type.js";

const PROFILE = `query MemberProfile($memberId: ID!) { memberProfile(memberId: $memberId) { memberId municipalityCode } }`;

@Resolver(() => Pqrs)
export class PqrsFilingResolver {
  @Mutation(() => Pqrs, {
    description: "Radica una PQRS y devuelve el número de inmediato: el afiliado la suya, un agente por un afiliado, o cualquiera de forma anónima (quejas, reclamos, sugerencias, felicitaciones, denuncias) con un canal de contacto",
  })
  async filePqrs(@Arg("input", () => FilePqrsInput, { description: "Tipo, asunto, descripción y, si es anónima, el canal de contacto" }) input: FilePqrsInput, @Ctx() ctx: Context): Promise<PqrsDoc> {
    const viewer = ctx.viewer;
    const memberId = viewer?.role === "MEMBER" ? (input.memberId ?? viewer.memberId ?? null) : (input.memberId ?? null);
    if (viewer && viewer.role !== "MEMBER" && viewer.role !== "AGENT") throw forbidden("Una PQRS la radica el afiliado, un agente por él, o cualquier persona de forma anónima.");
    if (memberId) await authorizeMemberRecord(ctx, memberId, { allowed: RecordAudience.PERSONAL, action: "PQRS_FILE" });
    if (!memberId) {
      if (!ANONYMOUS_TYPES.includes(input.type)) throw badUserInput({ field: "input.type", message: "Las peticiones y las solicitudes de datos personales requieren identificar al afiliado: inicie sesión o acuda a un agente." });
      if (!input.contact?.email && !input.contact?.mobile) throw badUserInput({ field: "input.contact", message: "Una PQRS anónima necesita un correo o un celular para recibir la respuesta." });
    }
    if (input.type !== PqrsType.PETICION && input.petitionKind) throw badUserInput({ field: "input.petitionKind", message: "La clase de petición solo aplica a las peticiones." });
    const health = input.type === PqrsType.QUEJA || input.type === PqrsType.RECLAMO;
    if (!health && input.risk) throw badUserInput({ field: "input.risk", message: "El riesgo solo aplica a quejas y reclamos en salud." });

    const subject = viewer?.subject ?? "anonimo";
    const contactHash = sha256(`${input.contact?.email ?? ""}|${input.contact?.mobile ?? ""}`);
    // Anonymous keys live in their contact's namespace: one filer's key says nothing about another's.
    const key = input.idempotencyKey ? (viewer ? `${subject}:${input.idempotencyKey}` : `anonimo:${contactHash}:${input.idempotencyKey}`) : null;
    const fingerprint = sha256(JSON.stringify([memberId, input.type, input.subject.trim(), input.description.trim()]));
    if (key) {
      const earlier = await ctx.models.pqrs.findOne({ idempotencyKey: key }).lean<PqrsDoc>().exec();
      if (earlier) return sameFiling(ctx, earlier, fingerprint);
    }
    let municipalityCode = input.municipalityCode ?? null;
    if (memberId) {
      const { memberProfile } = await ctx.peers.query<{ memberProfile: { municipalityCode: string } | null }>("affiliation", PROFILE, { memberId });
      if (!memberProfile) throw badUserInput({ field: "input.memberId", message: "No hay un afiliado con ese identificador." });
      municipalityCode = memberProfile.municipalityCode;
    }

    const filedAt = new Date();
    const year = todayInColombia(filedAt).slice(0, 4);
    const counter = await ctx.models.counters.findOneAndUpdate({ _id: `PQRS-${year}` }, { $inc: { value: 1 } }, { upsert: true, returnDocument: "after" }).lean<{ value: number }>().exec();
    const number = `PQRS-${year}-${String((counter as { value: number }).value).padStart(7, "0")}`;
    const petitionKind = input.type === PqrsType.PETICION ? (input.petitionKind ?? PetitionKind.GENERAL) : null;
    const risk = health ? (input.risk ?? "SIMPLE") : null;
    const term = termFor(input.type, { risk, petitionKind, specialProtection: input.specialProtection.length > 0 });
    const dueAt = dueAtFor(filedAt, term);
    const doc: PqrsDoc = {
      _id: number,
      memberId,
      type: input.type,
      petitionKind,
      risk,
      specialProtection: [...input.specialProtection],
      subject: input.subject.trim(),
      description: input.description.trim(),
      serviceConcerned: input.serviceConcerned ?? null,
      ipsCode: input.ipsCode ?? null,
      summaryForIps: null,
      ipsFeedKey: null,
      fingerprint,
      attachments: [...input.attachments],
      contact: { email: input.contact?.email ?? null, mobile: input.contact?.mobile ?? null },
      municipalityCode,
      state: "RADICADA",
      history: [{ from: null, to: "RADICADA", at: filedAt, by: subject, role: viewer?.role ?? "ANONIMO", note: null }],
      filedAt,
      filedBy: { subject, role: viewer?.role ?? "ANONIMO" },
      term: { ...term, extended: false },
      dueAt,
      assignedTo: null,
      answer: null,
      answeredAt: null,
      sortKey: `${filedAt.toISOString()}:${number}`,
      queueKey: `${dueAt.toISOString()}:${number}`,
      idempotencyKey: key ?? `auto:${number}`,
      version: 1,
    };
    try {
      await ctx.models.pqrs.create(doc);
    } catch (error) {
      const earlier = key && isDuplicateKeyError(error) ? await ctx.models.pqrs.findOne({ idempotencyKey: key }).lean<PqrsDoc>().exec() : null;
      if (!earlier) throw error;
      return sameFiling(ctx, earlier, fingerprint);
    }
    return pqrsWritten(ctx, doc);
  }
}

/** A retry gets its own filing back (a member's through the gate); the same key with other content is refused. */
async function sameFiling(ctx: Context, earlier: PqrsDoc, fingerprint: string): Promise<PqrsDoc> {
  if (earlier.fingerprint !== fingerprint) throw badUserInput({ field: "input.idempotencyKey", message: "Esa clave ya se usó para otra PQRS: use una clave nueva para cada radicación." });
  return earlier.memberId ? authorizedPqrs(ctx, earlier) : earlier;
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

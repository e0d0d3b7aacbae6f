import { IsCalendarDate, badUserInput, conflict, isDuplicateKeyError, requirePurpose, requireRole, todayInColombia, type Viewer } from "@sos/kit";
import { addDays } from "@sos/kit/seed";
import { IsOptional, Length } from "class-validator";
import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { contributionRecord } from "../settlement/contributions.client.js";
import { PATERNITY_WEEKS, maternityDays, pretermWeeksMissing, settle } from "../settlement/settlement.rules.js";
import { memberProfile } from "../member/member.profile.js";
import { authorizedIncapacity, incapacityFiler, incapacityWritten } from "./incapacity.access.js";
import { CERTIFICATE_PURPOSE } from "./incapacity.upload.resolver.js";
import { RegisterIncapacityInput } from "./incapacity.input.js";
import { ClaimState, IncapacityType, type ClaimTransition, type IncapacityDoc } from "./incapacity.model.js";
import { TRANSITIONS, endDateOf, extensionProblem, paymentDue, queueKeyOf, reviewDue } from "./incapacity.rules.js";
import { Incapacity } from "./incapacity.type.js";

@ArgsType()
class DecisionArgs {
  @Field(() => ID, { description: "Número de radicado (INC-AAAA-NNNNNNN)" })
  @Length(1, 40)
  number!: string;

  @Field(() => Boolean, { description: "true: reconocida; false: negada (con motivo)" })
  recognized!: boolean;

  @Field(() => String, { nullable: true, description: "Motivo: obligatorio al negar" })
  @IsOptional()
  @Length(5, 500, { message: "El motivo debe tener de 5 a 500 caracteres." })
  reason?: string | null;
}

@ArgsType()
class PaymentArgs {
  @Field(() => ID, { description: "Número de radicado (INC-AAAA-NNNNNNN)" })
  @Length(1, 40)
  number!: string;

  @Field(() => String, { description: "Referencia del pago (transferencia)" })
  @Length(4, 60, { message: "Indique la referencia del pago (4 a 60 caracteres)." })
  reference!: string;

  @Field(() => String, { description: "Fecha del pago (AAAA-MM-DD)" })
  @IsCalendarDate({ message: "La fecha de pago debe existir y tener el formato AAAA-MM-DD." })
  paidOn!: string;
}

/** Every change: one atomic update guarded by the state and version it was decided on, and a line of history. */
@Resolver(() => Incapacity)
export class IncapacityMutationResolver {
  @Mutation(() => Incapacity, { description: "Radica una incapacidad o licencia: el empleador (aportante) de un dependiente, un independiente la suya, o un agente. Con la misma idempotencyKey devuelve el mismo radicado" })
  async registerIncapacity(@Arg("input", () => RegisterIncapacityInput, { description: "El certificado: afiliado, tipo, fechas, diagnóstico, profesional, IPS y soporte" }) input: RegisterIncapacityInput, @Ctx() ctx: Context): Promise<IncapacityDoc> {
    const viewer = requireRole(ctx.viewer, "EMPLOYER", "MEMBER", "AGENT");
    const { profile } = await incapacityFiler(ctx, input.memberId, { action: "INCAPACITY_REGISTER", field: "input.memberId" });
    licenceProblem(input, profile.sex);
    if (input.startDate > addDays(todayInColombia(), 30) || input.startDate < addDays(todayInColombia(), -365)) {
      throw badUserInput({ field: "input.startDate", message: "La fecha de inicio debe estar entre hace un año y dentro de 30 días." });
    }
    const key = input.idempotencyKey ? `${viewer.subject}:${input.idempotencyKey}` : null;
    if (key) {
      const earlier = await ctx.models.incapacities.findOne({ idempotencyKey: key }).lean<IncapacityDoc>().exec();
      if (earlier) return authorizedIncapacity(ctx, earlier);
    }
    const chain = await this.chainOf(ctx, input);
    await this.refuseOverlap(ctx, input);
    // The member's own certificate upload, stored and unused: refused before a number is spent on the claim.
    const certificate = { memberId: input.memberId, purpose: CERTIFICATE_PURPOSE, field: "input.attachment", single: true };
    await ctx.uploads.check([input.attachment], { ...certificate, by: "" });
    const filedAt = new Date();
    const year = todayInColombia(filedAt).slice(0, 4);
    const counter = await ctx.models.counters.findOneAndUpdate({ _id: `INC-${year}` }, { $inc: { value: 1 } }, { upsert: true, returnDocument: "after" }).lean<{ value: number }>().exec();
    const number = `INC-${year}-${String((counter as { value: number }).value).padStart(7, "0")}`;
    const doc: IncapacityDoc = {
      _id: number,
      memberId: input.memberId,
      employerNit: viewer.role === "EMPLOYER" ? (viewer.employerNit as string) : profile.cotizanteKind === "DEPENDIENTE" ? profile.employerNit : null,
      type: input.type,
      startDate: input.startDate,
      endDate: endDateOf(input.startDate, input.days),
      days: input.days,
      diagnosis: { code: input.diagnosis.code, system: "CIE-10", cie11Code: input.diagnosis.cie11Code ?? null },
      setting: input.setting,
      modality: input.modality,
      professional: { name: input.professional.name, documentNumber: input.professional.documentNumber },
      ipsCode: input.ipsCode,
      attachment: input.attachment,
      gestationDays: input.gestationDays ?? null,
      extensionOf: input.extensionOf ?? null,
      extensionSlot: input.extensionOf ? `of:${input.extensionOf}` : `first:${number}`,
      chainId: chain.chainId ?? number,
      chainDaysBefore: chain.daysBefore,
      chainDays: chain.daysBefore + input.days,
      state: ClaimState.RADICADA,
      history: [{ from: null, to: ClaimState.RADICADA, at: filedAt, by: viewer.subject, role: viewer.role, note: null }],
      filedAt,
      filedBy: { subject: viewer.subject, role: viewer.role },
      reviewDueAt: reviewDue(filedAt),
      recognizedAt: null,
      paymentDueAt: null,
      denialReason: null,
      settlement: null,
      payment: null,
      sortKey: `${input.startDate}:${number}`,
      queueKey: null,
      idempotencyKey: key ?? `auto:${number}`,
      version: 1,
    };
    doc.queueKey = queueKeyOf(doc);
    // Taken for this claim before it is written, so no other claim can take it meanwhile.
    const taken = await ctx.uploads.reference([input.attachment], { ...certificate, by: number });
    try {
      await ctx.models.incapacities.create(doc);
    } catch (error) {
      await ctx.uploads.release(taken, number);
      const earlier = key && isDuplicateKeyError(error) ? await ctx.models.incapacities.findOne({ idempotencyKey: key }).lean<IncapacityDoc>().exec() : null;
      if (earlier) return authorizedIncapacity(ctx, earlier);
      // Two extensions of one certificate at once: the unique slot lets one through.
      if (isDuplicateKeyError(error) && (error as { keyPattern?: Record<string, unknown> }).keyPattern?.["extensionSlot"]) {
        throw conflict("La incapacidad ya fue prorrogada: prorrogue la última de la cadena.");
      }
      throw error;
    }
    return incapacityWritten(ctx, doc);
  }

  @Mutation(() => Incapacity, { description: "La EPS toma una incapacidad radicada para revisión (agentes)" })
  async startIncapacityReview(@Arg("number", () => ID, { description: "Número de radicado (INC-AAAA-NNNNNNN)" }) number: string, @Ctx() ctx: Context): Promise<IncapacityDoc> {
    const viewer = agent(ctx);
    return this.move(ctx, viewer, await this.current(ctx, number), ClaimState.EN_REVISION, {}, null);
  }

  @Mutation(() => Incapacity, { description: "Reconoce (el pago vence en 5 días hábiles) o niega con motivo una incapacidad en revisión (agentes)" })
  async decideIncapacity(@Args(() => DecisionArgs) args: DecisionArgs, @Ctx() ctx: Context): Promise<IncapacityDoc> {
    const viewer = agent(ctx);
    if (!args.recognized && !args.reason) throw badUserInput({ field: "reason", message: "Indique el motivo de la negación." });
    const current = await this.current(ctx, args.number);
    const now = new Date();
    return args.recognized
      ? this.move(ctx, viewer, current, ClaimState.RECONOCIDA, { recognizedAt: now, paymentDueAt: paymentDue(now) }, args.reason ?? null, now)
      : // A denied extension frees its place: a corrected one may follow the same certificate.
        this.move(ctx, viewer, current, ClaimState.NEGADA, { denialReason: args.reason as string, extensionSlot: `denied:${current._id}` }, args.reason ?? null, now);
  }

  @Mutation(() => Incapacity, { description: "Liquida una incapacidad reconocida: quién paga cada día y cuánto, con los aportes del afiliado (agentes)" })
  async settleIncapacity(@Arg("number", () => ID, { description: "Número de radicado (INC-AAAA-NNNNNNN)" }) number: string, @Ctx() ctx: Context): Promise<IncapacityDoc> {
    const viewer = agent(ctx);
    const current = await this.current(ctx, number);
    if (current.state !== ClaimState.RECONOCIDA) throw conflict(`La incapacidad ${number} está ${current.state}: solo se liquida una reconocida.`, { state: current.state });
    const [profile, record] = await Promise.all([memberProfile(ctx, current.memberId), contributionRecord(ctx, current.memberId, current.startDate)]);
    const result = settleOrExplain({
      kind: current.type,
      chainDaysBefore: current.chainDaysBefore,
      days: current.days,
      ibc: record.ibc,
      year: Number(current.startDate.slice(0, 4)),
      regime: profile.regime === "SUBSIDIADO" ? "SUBSIDIADO" : "CONTRIBUTIVO",
      contributedWeeks: record.contributedWeeks,
      ...(current.gestationDays && { gestationDays: current.gestationDays, contributedDaysInPregnancy: Math.min(current.gestationDays, record.contributedDaysBetween(addDays(current.startDate, -current.gestationDays), current.startDate)) }),
    });
    const settlement = { ...result, ibc: record.ibc, contributedWeeks: record.contributedWeeks, computedAt: new Date() };
    return this.move(ctx, viewer, current, ClaimState.LIQUIDADA, { settlement }, result.note);
  }

  @Mutation(() => Incapacity, { description: "Registra el pago de una incapacidad liquidada: fecha, valor (lo que paga la EPS) y referencia (agentes)" })
  async payIncapacity(@Args(() => PaymentArgs) args: PaymentArgs, @Ctx() ctx: Context): Promise<IncapacityDoc> {
    const viewer = agent(ctx);
    const current = await this.current(ctx, args.number);
    if (args.paidOn > todayInColombia()) throw badUserInput({ field: "paidOn", message: "La fecha de pago no puede ser futura." });
    const amount = (current.settlement?.byPayer.EPS ?? 0) + (current.settlement?.byPayer.AFP ?? 0);
    return this.move(ctx, viewer, current, ClaimState.PAGADA, { payment: { paidOn: args.paidOn, amount, reference: args.reference } }, null);
  }

  /** The claim as stored now, after the gate (a decision must see the latest state). */
  private async current(ctx: Context, number: string): Promise<IncapacityDoc> {
    return authorizedIncapacity(ctx, await ctx.models.incapacities.findById(number).lean<IncapacityDoc>().exec(), "INCAPACITY_PROCESS");
  }

  private async move(ctx: Context, viewer: Viewer, current: IncapacityDoc, to: ClaimState, set: Partial<IncapacityDoc>, note: string | null, at = new Date()): Promise<IncapacityDoc> {
    if (!TRANSITIONS[current.state].includes(to)) throw conflict(`La incapacidad ${current._id} está ${current.state}: no puede pasar a ${to}.`, { state: current.state });
    const entry: ClaimTransition = { from: current.state, to, at, by: viewer.subject, role: viewer.role, note };
    const next = { ...current, ...set, state: to };
    const updated = await ctx.models.incapacities
      .findOneAndUpdate(
        { _id: current._id, state: current.state, version: current.version },
        { $set: { ...set, state: to, queueKey: queueKeyOf(next) }, $push: { history: entry }, $inc: { version: 1 } },
        { returnDocument: "after" },
      )
      .lean<IncapacityDoc>()
      .exec();
    if (!updated) throw conflict(`Otra persona cambió la incapacidad ${current._id} mientras usted la revisaba: consúltela de nuevo.`, { number: current._id });
    return incapacityWritten(ctx, updated);
  }

  /** A first incapacity starts its chain; an extension must follow the last certificate of one (domain rules). */
  private async chainOf(ctx: Context, input: RegisterIncapacityInput): Promise<{ chainId: string | null; daysBefore: number }> {
    if (!input.extensionOf) return { chainId: null, daysBefore: 0 };
    if (input.type === IncapacityType.LICENCIA_MATERNIDAD || input.type === IncapacityType.LICENCIA_PATERNIDAD) {
      throw badUserInput({ field: "input.extensionOf", message: "Las licencias no se prorrogan: tienen los días que la ley da." });
    }
    const found = await ctx.models.incapacities.findById(input.extensionOf).lean<IncapacityDoc>().exec();
    // The certificate extended passes the same gate as a read: nothing of another's claim leaks in a refusal.
    const previous = found && found.memberId === input.memberId ? await authorizedIncapacity(ctx, found).catch(() => null) : null;
    if (!previous) throw badUserInput({ field: "input.extensionOf", message: "No hay una incapacidad de este afiliado con ese número que usted pueda prorrogar." });
    const problem = extensionProblem(previous, { memberId: input.memberId, startDate: input.startDate, type: input.type, diagnosisCode: input.diagnosis.code });
    if (problem) throw badUserInput(problem);
    const last = await ctx.models.incapacities.find({ chainId: previous.chainId, state: { $ne: ClaimState.NEGADA } }).sort({ chainDays: -1 }).limit(1).lean<IncapacityDoc[]>().exec();
    if (last[0] && last[0]._id !== previous._id) throw badUserInput({ field: "input.extensionOf", message: "Esa incapacidad ya fue prorrogada: prorrogue la última de la cadena." });
    return { chainId: previous.chainId, daysBefore: previous.chainDays };
  }

  /** The same days filed twice (by the employer and by an agent) would be paid twice. */
  private async refuseOverlap(ctx: Context, input: RegisterIncapacityInput): Promise<void> {
    const end = endDateOf(input.startDate, input.days);
    const nearby = await ctx.models.incapacities
      .find({ memberId: input.memberId, sortKey: { $gte: addDays(input.startDate, -300), $lte: `${end}:~` } })
      .select({ startDate: 1, endDate: 1, state: 1 })
      .lean<Pick<IncapacityDoc, "startDate" | "endDate" | "state">[]>()
      .exec();
    if (nearby.some((other) => other.state !== ClaimState.NEGADA && other.startDate <= end && other.endDate >= input.startDate)) {
      throw badUserInput({ field: "input.startDate", message: "El afiliado ya tiene una incapacidad registrada en esas fechas." });
    }
  }
}

/** The days a licence may have, and who may have it (domain rules). */
function licenceProblem(input: RegisterIncapacityInput, sex: string): void {
  if (input.type === IncapacityType.LICENCIA_PATERNIDAD && input.days > PATERNITY_WEEKS * 7) {
    throw badUserInput({ field: "input.days", message: `La licencia de paternidad es de ${PATERNITY_WEEKS * 7} días.` });
  }
  if (input.type === IncapacityType.LICENCIA_MATERNIDAD) {
    if (sex !== "FEMENINO") throw badUserInput({ field: "input.type", message: "La licencia de maternidad es de la madre." });
    if (!input.gestationDays) throw badUserInput({ field: "input.gestationDays", message: "Indique los días de gestación de la licencia de maternidad." });
    const entitled = maternityDays(input.multipleBirth === true, pretermWeeksMissing(input.gestationDays));
    if (input.days > entitled) throw badUserInput({ field: "input.days", message: `La licencia de maternidad de este parto es de ${entitled} días.` });
  } else if (input.type !== IncapacityType.LICENCIA_PATERNIDAD && input.days > 180) {
    throw badUserInput({ field: "input.days", message: "Un certificado de incapacidad no puede pasar de 180 días." });
  }
}

/** The SMMLV of the start's year sets the floor: a year not yet in the table of legal figures is said, not an INTERNAL. */
function settleOrExplain(input: Parameters<typeof settle>[0]): ReturnType<typeof settle> {
  try {
    return settle(input);
  } catch (error) {
    if (error instanceof RangeError) throw error;
    throw conflict(`Aún no está registrado el salario mínimo de ${input.year} en la tabla de cifras legales: la liquidación espera a que se registre.`);
  }
}

function agent(ctx: Context): Viewer {
  const viewer = requireRole(ctx.viewer, "AGENT");
  requirePurpose(ctx);
  return viewer;
}

import { badUserInput, notFound, requirePurpose, requireRole, type FieldProblem } from "@sos/kit";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { UpdateClinicInput } from "./ips.input.js";
import type { ClinicDoc, OpeningSpan } from "./ips.model.js";
import { Ips } from "./ips.type.js";

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Spans that open before they close and do not overlap on a day; each problem named by its field. */
function spanProblems(spans: { weekday: number; opens: number; closes: number }[], field: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  spans.forEach((span, i) => {
    if (span.opens >= span.closes) problems.push({ field: `${field}.${i}.closes`, message: "La hora de cierre debe ser posterior a la de apertura." });
    const overlap = spans.findIndex((other, j) => j < i && other.weekday === span.weekday && other.opens < span.closes && span.opens < other.closes);
    if (overlap >= 0) problems.push({ field: `${field}.${i}.opens`, message: "Esta franja se cruza con otra del mismo día." });
  });
  return problems;
}

/** Staff keep the directory current: a clinic's contract, networks and hours. */
@Resolver()
export class IpsAdminResolver {
  @Mutation(() => Ips, { description: "Actualiza una IPS del directorio (agentes, con propósito declarado); queda registrado" })
  async updateClinic(@Arg("input", () => UpdateClinicInput, { description: "La IPS y lo que cambia" }) input: UpdateClinicInput, @Ctx() ctx: Context): Promise<ClinicDoc> {
    const viewer = requireRole(ctx.viewer, "AGENT");
    const purpose = requirePurpose(ctx);
    const set: Partial<ClinicDoc> = {};
    const problems: FieldProblem[] = [];
    if (input.active !== undefined) set.active = input.active;
    if (input.networks) set.networks = [...input.networks];
    if (input.openingHours) {
      const spans: OpeningSpan[] = input.openingHours.map((span) => ({ weekday: span.weekday, opens: minutes(span.opens), closes: minutes(span.closes) }));
      problems.push(...spanProblems(spans, "input.openingHours"));
      set.openingHours = spans;
    }
    if (input.holidayHours) {
      const spans = input.holidayHours.map((span) => ({ weekday: -1, opens: minutes(span.opens), closes: minutes(span.closes) }));
      problems.push(...spanProblems(spans, "input.holidayHours"));
      set.holidayHours = spans.map(({ opens, closes }) => ({ opens, closes }));
    }
    if (problems.length) throw badUserInput(problems);
    if (!Object.keys(set).length) throw badUserInput({ field: "input", message: "Envíe al menos un cambio." });
    if (!(await ctx.loaders.clinicByCode.load(input.habilitationCode))) throw notFound("No hay una IPS con ese código en el directorio.");

    // The record of the change is written first and durably: a change that cannot be recorded is not made.
    await ctx.models.clinicChanges.create({
      at: new Date(),
      requestId: ctx.requestId,
      actor: { subject: viewer.subject, role: viewer.role },
      purpose,
      clinic: input.habilitationCode,
      changes: set,
    });
    const updated = await ctx.models.clinics.findOneAndUpdate({ _id: input.habilitationCode }, { $set: set }, { returnDocument: "after" }).lean<ClinicDoc>().exec();
    if (!updated) throw notFound("No hay una IPS con ese código en el directorio.");
    ctx.loaders.clinicByCode.clear(updated._id).prime(updated._id, updated);
    return updated;
  }
}

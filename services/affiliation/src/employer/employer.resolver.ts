import { PageArgs, badUserInput, requireAgentPurpose, findPage, forbidden, formatNit, nitCheckDigit, notFound, parseNit, requireRole, selectsField } from "@sos/kit";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { authorizeMember } from "../member/member.access.js";
import type { MemberDoc } from "../member/member.model.js";
import { MemberConnection } from "../member/member.views.js";
import type { EmployerDoc } from "./employer.model.js";
import { Employer } from "./employer.type.js";

/** An employer's own people, or an agent with a stated purpose; nobody else lists dependents. */
function requireEmployerAccess(ctx: Context, nit: string): void {
  const viewer = requireRole(ctx.viewer, "EMPLOYER", "AGENT");
  if (viewer.role === "EMPLOYER" && viewer.employerNit !== nit) throw forbidden("Solo puede consultar su propia empresa.");
  requireAgentPurpose(ctx);
}

@Resolver(() => Employer)
export class EmployerResolver {
  @Query(() => Employer, { description: "Un empleador por su NIT con dígito de verificación (el propio empleador o agentes)" })
  async employer(@Arg("nit", () => String, { description: "NIT con dígito de verificación, p. ej. 805001157-2" }) nit: string, @Ctx() ctx: Context): Promise<EmployerDoc> {
    const parsed = parseNit(nit);
    if (!parsed) throw badUserInput({ field: "nit", message: "El NIT no es válido: escriba los 9 dígitos y el dígito de verificación (p. ej. 805001157-2)." });
    requireEmployerAccess(ctx, parsed.base);
    const employer = await ctx.loaders.employerByNit.load(parsed.base);
    if (!employer) throw notFound("No hay un empleador registrado con ese NIT.");
    return employer;
  }

  @FieldResolver(() => String, { nullable: true, description: "Correo del contacto de nómina registrado ante la EPS (el propio empleador o agentes)" })
  payrollContactEmail(@Root() employer: EmployerDoc, @Ctx() ctx: Context): string | null {
    requireEmployerAccess(ctx, employer._id);
    return employer.contactEmail ?? null;
  }

  @FieldResolver(() => Int, { description: "Dígito de verificación del NIT" })
  checkDigit(@Root() employer: EmployerDoc): number {
    return nitCheckDigit(employer._id);
  }

  @FieldResolver(() => String, { description: "NIT con dígito de verificación (805001157-2)" })
  formattedNit(@Root() employer: EmployerDoc): string {
    return formatNit(employer._id);
  }

  @FieldResolver(() => MemberConnection, {
    description: "Cotizantes dependientes afiliados por este empleador, por apellido (el propio empleador o agentes)",
  })
  async dependents(@Root() employer: EmployerDoc, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    requireEmployerAccess(ctx, employer._id);
    const result = await findPage<MemberDoc>({
      model: ctx.models.members,
      filter: { employerNit: employer._id },
      sortField: "sortKey",
      args: page,
      withTotal: selectsField(info, "totalCount"),
    });
    for (const member of result.nodes) authorizeMember(ctx, member);
    return result;
  }
}

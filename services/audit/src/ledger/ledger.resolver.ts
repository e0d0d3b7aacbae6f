import { PageArgs, badUserInput, forbidden, findPage, ledgerChains, recordAccess, requireRole, selectsField, verifyChain, type LedgerEntry } from "@sos/kit";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import { IsOptional, Length, Matches } from "class-validator";
import type { Context } from "../context.js";
import { Member } from "../member.type.js";
import { AccessLogConnection, ChainVerification, LedgerEntryConnection, type AccessLogEntry } from "./ledger.type.js";

/** Who read, as the member is told: the role and the organisation, never a staff member's name. */
function who(entry: LedgerEntry): string {
  switch (entry.actor.role) {
    case "AGENT":
      return entry.actor.subject.startsWith("service-") ? "La Oficina Virtual (verificación automática)" : "Un agente de S.O.S.";
    case "IPS":
      return "Una IPS";
    case "EMPLOYER":
      return "Su empleador";
    case "MEMBER":
      return "El cotizante de su grupo familiar";
    case "AUDITOR":
      return "Un auditor de S.O.S.";
    default:
      return "S.O.S.";
  }
}

const asLogEntry = (entry: LedgerEntry): AccessLogEntry => ({
  at: entry.at,
  who: who(entry),
  role: entry.actor.role,
  ips: entry.actor.ipsCode ? { habilitationCode: entry.actor.ipsCode } : null,
  employer: entry.actor.employerNit ? { nit: entry.actor.employerNit } : null,
  action: entry.action,
  service: entry.chain,
  // An agent's stated purpose is the "why" the member is owed; anyone else's header is free text, not shown.
  purpose: entry.actor.role === "AGENT" ? entry.purpose : null,
});

@ArgsType()
class LedgerArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Las entradas sobre este afiliado" })
  @IsOptional()
  @Matches(/^[0-9a-f]{24}$/, { message: "El identificador del afiliado no es válido." })
  subjectMemberId?: string | null;

  @Field(() => String, { nullable: true, description: "Las entradas de este usuario (sujeto del token)" })
  @IsOptional()
  @Length(1, 80, { message: "El usuario no es válido." })
  actorSubject?: string | null;
}

/**
 * The access ledger, read: a member sees who read their data (Ley 1581: the right to know), an auditor
 * searches and verifies every chain. Lists page newest first on the ledger's sortKey indexes.
 */
@Resolver(() => Member)
export class LedgerResolver {
  @FieldResolver(() => AccessLogConnection, {
    nullable: true,
    description: "Quién consultó sus datos en la EPS (agentes, IPS, su empleador, su cotizante): cuándo, qué y para qué; lo más reciente primero. Solo el propio afiliado",
  })
  async accessLog(@Root() member: Member, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    // The member alone: decided from the token, without asking affiliation.
    if (ctx.viewer?.role !== "MEMBER" || ctx.viewer.memberId !== member.id) throw forbidden("Solo el afiliado puede ver quién consultó sus datos.");
    const entries = await findPage<LedgerEntry>({
      model: ctx.models.ledger,
      // Their own reads are not news to them.
      filter: { subjectMemberId: member.id, "actor.memberId": { $ne: member.id } },
      sortField: "sortKey",
      direction: -1,
      args: page,
      withTotal: selectsField(info, "totalCount"),
    });
    return { ...entries, nodes: entries.nodes.map(asLogEntry), edges: entries.edges.map((edge) => ({ ...edge, node: asLogEntry(edge.node) })) };
  }

  @Query(() => LedgerEntryConnection, { description: "El registro de accesos por afiliado o por usuario, lo más reciente primero (auditores)" })
  async accessLedger(@Args(() => LedgerArgs) args: LedgerArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    requireRole(ctx.viewer, "AUDITOR");
    if (!args.subjectMemberId === !args.actorSubject) throw badUserInput({ field: "subjectMemberId", message: "Indique el afiliado o el usuario (uno de los dos)." });
    const page = await findPage<LedgerEntry>({
      model: ctx.models.ledger,
      filter: args.subjectMemberId ? { subjectMemberId: args.subjectMemberId } : { "actor.subject": args.actorSubject as string },
      sortField: "sortKey",
      direction: -1,
      args,
      withTotal: selectsField(info, "totalCount"),
    });
    // The auditor's read of each member's entries is itself recorded.
    for (const subject of new Set(page.nodes.map((entry) => entry.subjectMemberId))) recordAccess(ctx, "ACCESS_LEDGER_READ", subject);
    return page;
  }

  @Query(() => [ChainVerification], { description: "Verifica las cadenas del registro de accesos (todas, o una): cada hash y cada enlace (auditores)" })
  async accessLedgerVerification(@Arg("chain", () => String, { nullable: true, description: "Solo esta cadena (el nombre del servicio: affiliation, authorizations, …); todas si se omite" }) chain: string | null, @Ctx() ctx: Context): Promise<ChainVerification[]> {
    requireRole(ctx.viewer, "AUDITOR");
    if (chain !== null && !/^[a-z][a-z0-9-]{0,40}$/.test(chain)) throw badUserInput({ field: "chain", message: "La cadena es el nombre de un servicio (p. ej. affiliation)." });
    const chains = chain ? [chain] : await ledgerChains(ctx.models.ledger);
    const checks = await Promise.all(chains.map((name) => verifyChain(ctx.models.ledger, name)));
    return checks.map((check) => ({ chain: check.chain, entries: check.entries, valid: check.valid, firstBadSeq: check.firstBad?.seq ?? null, problem: check.firstBad?.problem ?? null }));
  }
}

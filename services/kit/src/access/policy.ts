import { UseMiddleware, type MiddlewareFn } from "type-graphql";
import type { BaseContext } from "../context.js";
import { forbidden, type AppError } from "../errors.js";
import type { MemberAccessLoader } from "./member-access.js";
import { MemberRelation } from "./relations.js";

/** The context of a subgraph that keeps records about members. */
export interface AccessContext extends BaseContext {
  memberAccess: MemberAccessLoader;
}

/** "Not yours" and "not there" get the same answer: a lookup reveals nothing about who exists. */
export const notYours = (): AppError => forbidden("No tiene permiso para consultar esta información del afiliado.");

export const AGENT_PURPOSE_MESSAGE =
  "Indique el propósito de la consulta en la cabecera X-Access-Purpose: todo acceso de un agente queda registrado.";

/** Agents must say why they look (X-Access-Purpose); FORBIDDEN otherwise. */
export function requirePurpose(ctx: BaseContext): string {
  if (!ctx.purpose) throw forbidden(AGENT_PURPOSE_MESSAGE);
  return ctx.purpose;
}

/** When the viewer is an agent, requires their purpose (agents must say why; others need not). */
export function requireAgentPurpose(ctx: BaseContext): void {
  if (ctx.viewer?.role === "AGENT") requirePurpose(ctx);
}

/** Notes one access to a member's data in the request's audit trail (written before the response leaves). */
export const recordAccess = (ctx: BaseContext, action: string, memberId: string): void => ctx.audit.record(action, memberId);

/** Notes an agent's access (reads and changes by staff are always recorded, with their purpose). */
export function recordAgentAccess(ctx: BaseContext, action: string, memberId: string): void {
  if (ctx.viewer?.role === "AGENT") recordAccess(ctx, action, memberId);
}

export interface RecordPolicy {
  /** The relations that may see the record (see RecordAudience). */
  allowed: readonly MemberRelation[];
  /** What is recorded in the audit trail: "INCAPACITY_READ", "MIPRES_READ", ... */
  action: string;
  /** Health data (a diagnosis, MIPRES, incapacity detail): every read is recorded, not only agents'. */
  sensitive?: boolean;
  /** The clinics (REPS codes) the record names, for CONCERNED_IPS: requesting, destination, dispenser. */
  concernedIps?: readonly (string | null | undefined)[];
}

/** The clinic asking is one the record names: it may see that record without any relation to the patient. */
const concernsViewer = (ctx: BaseContext, policy: RecordPolicy): boolean =>
  ctx.viewer?.role === "IPS" && !!ctx.viewer.ipsCode && (policy.concernedIps ?? []).includes(ctx.viewer.ipsCode);

/**
 * The one gate for a record about a member, in any subgraph: finds how the viewer relates to the member
 * (batched per request, asked of affiliation), refuses "not yours" like "not there", requires an agent's
 * purpose, and records every read of another person's record and every read of health data. Resolves to the relation that
 * granted access, for field guards that depend on it.
 */
export async function authorizeMemberRecord(ctx: AccessContext, memberId: string, policy: RecordPolicy): Promise<MemberRelation> {
  if (policy.allowed.includes(MemberRelation.CONCERNED_IPS) && concernsViewer(ctx, policy)) {
    recordAccess(ctx, policy.action, memberId);
    return MemberRelation.CONCERNED_IPS;
  }
  const relations = await ctx.memberAccess.load(memberId);
  const granted = policy.allowed.find((relation) => relations.includes(relation));
  if (!granted) throw notYours();
  if (granted === MemberRelation.AGENT) requirePurpose(ctx);
  // Another person's data (an agent, a clinic, the employer, the cotizante) and any health data: recorded.
  if (granted !== MemberRelation.SELF || policy.sensitive) recordAccess(ctx, policy.action, memberId);
  return granted;
}

/**
 * A field that answers FORBIDDEN (and null) unless `allowed(root, ctx)` says so: how each field of an
 * entity states who may read it, so no path reveals more than the rules allow.
 */
export function guardField<TRoot, TContext extends BaseContext>(
  allowed: (root: TRoot, ctx: TContext) => boolean | Promise<boolean>,
  message = "No tiene permiso para consultar este dato.",
): MethodDecorator & PropertyDecorator {
  const guard: MiddlewareFn<TContext> = async ({ root, context }, next) => {
    if (!(await allowed(root as TRoot, context))) throw forbidden(message);
    return next();
  };
  return UseMiddleware(guard);
}

/** A field of a member-owned record (`{ memberId }`) readable only by the given relations. */
export function MemberRecordField(allowed: readonly MemberRelation[]): MethodDecorator & PropertyDecorator {
  return guardField<{ memberId: string }, AccessContext>(async (root, ctx) => {
    const relations = await ctx.memberAccess.load(root.memberId);
    return allowed.some((relation) => relations.includes(relation));
  });
}

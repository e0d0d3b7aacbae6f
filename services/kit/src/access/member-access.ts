import DataLoader from "dataloader";
import { observedBatch } from "../mongo/dataloader.js";
import { AppError, ErrorCode } from "../errors.js";
import type { Viewer } from "../auth/viewer.js";
import { askSubgraph } from "../subgraph/peers.js";
import { MEMBER_RELATIONS, MemberRelation } from "./relations.js";

/** A member id → the viewer's relations to that member, for one request. */
export type MemberAccessLoader = DataLoader<string, readonly MemberRelation[]>;

/** What a request knows that the access check needs: who asks, and the credentials to pass on. */
export interface AccessRequest {
  viewer: Viewer | null;
  /** The caller's Authorization header, forwarded so affiliation verifies the viewer itself. */
  authorization: string | null;
  requestId: string;
  purpose: string | null;
}

/** A relation affiliation may answer: CONCERNED_IPS comes from the record itself, never from the answer. */
const isAskableRelation = (relation: string): relation is MemberRelation =>
  relation !== MemberRelation.CONCERNED_IPS && (MEMBER_RELATIONS as readonly string[]).includes(relation);

/** The relations a viewer has to anyone without asking: staff to everyone, analysts and nobody to none. */
function knownWithoutAsking(viewer: Viewer | null, memberId: string): readonly MemberRelation[] | null {
  // Roles with no relation to any member: nothing to ask affiliation.
  if (!viewer || viewer.role === "ANALYST" || viewer.role === "AUDITOR" || viewer.role === "ADMIN") return [];
  if (viewer.role === "AGENT") return [MemberRelation.AGENT];
  if (viewer.role === "MEMBER" && viewer.memberId === memberId) return [MemberRelation.SELF];
  return null;
}

/** The most ids one question carries: a request's loader splits larger batches. */
export const MEMBER_ACCESS_BATCH = 200;

const unavailable = () =>
  new AppError(ErrorCode.UNAVAILABLE, "No fue posible verificar su relación con el afiliado. Intente de nuevo en unos minutos.");

export interface RemoteMemberAccessOptions {
  /** The affiliation subgraph's GraphQL URL. */
  url: string;
  /**
   * Presented as X-Gateway-Secret: affiliation accepts only calls from inside the graph. While a secret is
   * rotated, this subgraph may know one affiliation does not yet (or no longer) accept: on 403 the next
   * one is tried.
   */
  secrets: readonly string[];
  timeoutMs?: number;
}

/**
 * The per-request loader of a subgraph that keeps records about members: asks the affiliation subgraph
 * once per batch (`memberAccess`, hidden from clients), with the caller's own token, so the relation is
 * computed from the verified viewer and never from anything the caller could forge (an entity
 * representation, a header). Fails closed: when affiliation cannot answer, the record is not served
 * (UNAVAILABLE), never served unchecked.
 */
export function remoteMemberAccess(options: RemoteMemberAccessOptions): (request: AccessRequest) => MemberAccessLoader {
  return (request) =>
    new DataLoader<string, readonly MemberRelation[]>(
      observedBatch("memberAccess", async (ids) => {
        const answers = new Map<string, readonly MemberRelation[]>();
        const toAsk: string[] = [];
        for (const id of ids) {
          const known = knownWithoutAsking(request.viewer, id);
          if (known) answers.set(id, known);
          else toAsk.push(id);
        }
        if (toAsk.length) {
          const body = await ask(request, options, toAsk).catch(() => null);
          if (!body) throw unavailable();
          for (const grant of body) {
            answers.set(grant.memberId, grant.relations.filter(isAskableRelation));
          }
        }
        // An id affiliation did not answer for is treated as unrelated: closed, not open.
        return ids.map((id) => answers.get(id) ?? []);
      }),
      { maxBatchSize: MEMBER_ACCESS_BATCH },
    );
}

/** One question to affiliation for a batch of members. */
async function ask(request: AccessRequest, options: RemoteMemberAccessOptions, memberIds: string[]): Promise<{ memberId: string; relations: string[] }[]> {
  const data = await askSubgraph<{ memberAccess?: { memberId: string; relations: string[] }[] }>(
    options.url,
    options.secrets,
    request,
    { query: MEMBER_ACCESS_QUERY, variables: { memberIds } },
    options.timeoutMs,
  );
  if (!data.memberAccess) throw new Error("member access answered without memberAccess");
  return data.memberAccess;
}

/** The question, as the affiliation subgraph serves it (an @inaccessible root field). */
export const MEMBER_ACCESS_QUERY = "query MemberAccess($memberIds: [ID!]!) { memberAccess(memberIds: $memberIds) { memberId relations } }";

/** For a subgraph with no records about members: every access check is a configuration error. */
export function noMemberAccess(): MemberAccessLoader {
  return new DataLoader<string, readonly MemberRelation[]>(async () => {
    throw new AppError(ErrorCode.INTERNAL, "MEMBER_ACCESS_URL is not configured for this subgraph.");
  });
}

import { operationFromDocument, type Schema } from "@apollo/federation-internals";
import type { QueryPlan, QueryPlanner } from "@apollo/query-planner";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import type { Logger } from "@sos/kit/logger";
import { parse } from "graphql";
import { createHash } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";

export interface PlanWarmup {
  planned: number;
  failed: number;
  ms: number;
}

const sha256 = (...parts: string[]): string => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest("hex");
};

/**
 * Plans every trusted document (schema/operations) ahead of its first request and puts the plan where the
 * gateway looks for it, so no client pays for planning. The keys are the gateway's own: the SHA-256 of the
 * document's text, and of that hash and the operation's name (a client may send the name or not). The plans
 * are made by the gateway's own planner over its own API schema, as its executor makes them: a second
 * planner would build a second query graph of the whole supergraph, tens of MiB the process keeps. One
 * document per turn of the event loop: requests are served meanwhile, and the gateway is ready before it
 * starts.
 */
export async function warmQueryPlans(options: { gateway: object; documents: readonly { name: string; body: string }[]; cache: KeyValueCache<QueryPlan>; logger: Logger }): Promise<PlanWarmup> {
  const started = performance.now();
  // Not in ApolloGateway's typings, but what its executor plans with (@apollo/gateway 2.x, pinned ~2.14):
  // the e2e test of the plan cache fails if an upgrade takes them away.
  const { queryPlanner: planner, apiSchema } = options.gateway as { queryPlanner?: QueryPlanner; apiSchema?: Schema };
  if (!planner || !apiSchema) throw new Error("this version of @apollo/gateway has no queryPlanner and apiSchema to plan with");
  let planned = 0;
  let failed = 0;
  for (const { name, body } of options.documents) {
    await nextTurn();
    try {
      const plan = planner.buildQueryPlan(operationFromDocument(apiSchema, parse(body), { operationName: name }));
      const queryHash = sha256(body);
      await options.cache.set(queryHash, plan);
      await options.cache.set(sha256(queryHash, name), plan);
      planned += 1;
    } catch (error) {
      // A document the schema no longer serves is refused at its request, as before: nothing to plan.
      failed += 1;
      options.logger.warn({ operation: name, err: error }, "could not plan a trusted document ahead of its first request");
    }
  }
  const report = { planned, failed, ms: Math.round(performance.now() - started) };
  options.logger.info(report, "query plans of the trusted documents ready");
  return report;
}

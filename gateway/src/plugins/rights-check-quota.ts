import type { ApolloServerPlugin } from "@apollo/server";
import type { GatewayContext } from "../context.js";
import type { RateLimiter } from "../rate-limit.js";
import { rootFieldCounts } from "./operation-fields.js";

/**
 * rightsCheck tells anyone who presents whether a document number is affiliated and where: swept over a
 * range of numbers it would map the population. Each IPS (or agent) gets an hourly quota of checks,
 * counted per field so aliases do not multiply it, and every check is counted for operators to alert on.
 */
export function rightsCheckQuotaPlugin(limiter: RateLimiter, onChecks: (caller: string, count: number) => void): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operationName, contextValue }) {
          const checks = rootFieldCounts(document, operationName).get("rightsCheck") ?? 0;
          const viewer = contextValue.viewer;
          if (!checks || !viewer) return;
          const caller = viewer.ipsCode ? `ips:${viewer.ipsCode}` : `user:${viewer.subject}`;
          onChecks(viewer.ipsCode ? caller : viewer.role, checks);
          await limiter.consume("rights-check", caller, checks);
        },
      };
    },
  };
}

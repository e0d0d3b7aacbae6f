import { HeaderMap } from "@apollo/server";
import { AppError, ErrorCode } from "@sos/kit/errors";
import type { Logger } from "@sos/kit/logger";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

/** Requests allowed per window, by who is asking. */
export interface RateLimits {
  readonly windowSeconds: number;
  /** Per token subject: one person or system account. */
  readonly perUser: number;
  /** Per organisation the token is scoped to (an IPS, an employer), over all its accounts. */
  readonly perClient: number;
  /** Per client address, for requests without a token (applying for affiliation, logging in). */
  readonly perAnonymousIp: number;
  /** rightsCheck lookups per IPS (or per agent) per hour: aliased checks each count. */
  readonly rightsChecksPerHour: number;
}

export type LimitName = "user" | "client" | "anonymous-ip" | "rights-check";

/** What a caller has left, for the RateLimit headers. */
export interface Allowance {
  limit: number;
  remaining: number;
  resetSeconds: number;
  windowSeconds: number;
}

export interface RateLimiter {
  readonly backend: "redis" | "memory";
  /** Takes `points` from `key` under one limit; throws RATE_LIMITED (HTTP 429, Retry-After) when none are left. */
  consume(limit: LimitName, key: string, points?: number): Promise<Allowance>;
  close(): Promise<void>;
}

/** draft-ietf-httpapi-ratelimit-headers: the policy and what is left, and Retry-After once refused. */
export function rateLimitHeaders(allowance: Allowance): Record<string, string> {
  return {
    "ratelimit-policy": `${allowance.limit};w=${allowance.windowSeconds}`,
    ratelimit: `limit=${allowance.limit}, remaining=${allowance.remaining}, reset=${allowance.resetSeconds}`,
  };
}

export interface RateLimiterOptions {
  limits: RateLimits;
  /** Shared counters for every gateway instance; null keeps them in this process. */
  redisUrl: string | null;
  /** Key prefix, so that several deployments (or test runs) can share one Redis. */
  prefix?: string;
  logger: Logger;
  /** Called for every refusal (metrics). */
  onRefused?: (limit: LimitName) => void;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { limits, logger } = options;
  const prefix = options.prefix ?? "sos:rl";
  const policies: Record<LimitName, { points: number; duration: number }> = {
    user: { points: limits.perUser, duration: limits.windowSeconds },
    client: { points: limits.perClient, duration: limits.windowSeconds },
    "anonymous-ip": { points: limits.perAnonymousIp, duration: limits.windowSeconds },
    "rights-check": { points: limits.rightsChecksPerHour, duration: 3600 },
  };
  const redis = options.redisUrl
    ? new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000, lazyConnect: false })
    : null;
  // A Redis that stops answering must not stop the graph: each limiter falls back to this process's memory.
  redis?.on("error", (error: Error) => logger.warn({ err: error.message }, "rate-limit store unavailable; counting in memory until it answers"));

  const limiters = Object.fromEntries(
    Object.entries(policies).map(([name, policy]) => {
      const keyPrefix = `${prefix}:${name}`;
      const memory = new RateLimiterMemory({ ...policy, keyPrefix });
      const limiter: RateLimiterAbstract = redis
        ? new RateLimiterRedis({ ...policy, keyPrefix, storeClient: redis, insuranceLimiter: memory })
        : memory;
      return [name, limiter];
    }),
  ) as Record<LimitName, RateLimiterAbstract>;

  return {
    backend: redis ? "redis" : "memory",
    async consume(limit, key, points = 1) {
      const { points: max, duration } = policies[limit];
      const allowance = (res: RateLimiterRes): Allowance => ({
        limit: max,
        remaining: Math.max(0, res.remainingPoints),
        resetSeconds: Math.ceil(res.msBeforeNext / 1000),
        windowSeconds: duration,
      });
      try {
        return allowance(await limiters[limit].consume(key, points));
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        options.onRefused?.(limit);
        const refused = allowance(error);
        const retryAfter = Math.max(1, refused.resetSeconds);
        throw new AppError(ErrorCode.RATE_LIMITED, `Demasiadas solicitudes. Intente de nuevo en ${retryAfter} segundos.`, {
          retryAfter,
          limit: max,
          http: { status: 429, headers: new HeaderMap([...Object.entries(rateLimitHeaders(refused)), ["retry-after", String(retryAfter)]]) },
        });
      }
    },
    async close() {
      if (redis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}

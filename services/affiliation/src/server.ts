import {
  auditModel,
  buildFederatedSchema,
  createSubgraphServer,
  createTokenVerifier,
  DEFAULT_LIMITS,
  ensureIndexes,
  serveHttp,
  type Logger,
  type OperationLimits,
  type RunningHttpServer,
} from "@sos/kit";
import type { GraphQLSchema } from "graphql";
import type { Connection } from "mongoose";
import { ApplicationResolver } from "./application/application.resolver.js";
import { contextFactory, createModels, type Context, type Models } from "./context.js";
import { EmployerResolver } from "./employer/employer.resolver.js";
import type { EmployerDoc } from "./employer/employer.model.js";
import { FamilyResolver } from "./family/family.resolver.js";
import { Ips } from "./ips/ips.type.js";
import { foundMember } from "./member/member.access.js";
import type { DocumentKey } from "./member/member.loader.js";
import type { MemberDoc } from "./member/member.model.js";
import { MemberResolver } from "./member/member.resolver.js";
import { StatisticsResolver } from "./statistics/statistics.resolver.js";

export const SERVICE_NAME = "affiliation";

type MemberReference = { id: string } | DocumentKey;

/** The affiliation subgraph's schema. Needs no database: composition builds it too. */
export function buildAffiliationSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [MemberResolver, FamilyResolver, EmployerResolver, ApplicationResolver, StatisticsResolver],
    orphanedTypes: [Ips],
    referenceResolvers: {
      Member: {
        // Entity fetches from the gateway pass the same gate as a query, batched per request.
        async __resolveReference(reference: MemberReference, ctx: Context): Promise<MemberDoc | null> {
          const member = "id" in reference ? await ctx.loaders.memberById.load(reference.id) : await ctx.loaders.memberByDocument.load(reference);
          return foundMember(ctx, member);
        },
      },
      Employer: {
        __resolveReference(reference: { nit: string }, ctx: Context): Promise<EmployerDoc | null> {
          return ctx.loaders.employerByNit.load(reference.nit);
        },
      },
    },
  });
}

export interface AffiliationServerOptions {
  connection: Connection;
  publicKeyPem: string;
  logger: Logger;
  /** Default: the kit's DEFAULT_LIMITS. */
  limits?: OperationLimits;
  /** Secrets the gateway presents in X-Gateway-Secret; none = direct calls accepted. */
  gatewaySecrets?: readonly string[];
}

export interface AffiliationServer {
  schema: GraphQLSchema;
  models: Models;
  listen(port: number, host: string): Promise<RunningHttpServer>;
}

/** Schema + ApolloServer over a connected database, with its indexes in place; tests import this. */
export async function createServer(options: AffiliationServerOptions): Promise<AffiliationServer> {
  const { connection, logger } = options;
  const models = createModels(connection);
  const audit = auditModel(connection);
  await ensureIndexes([...Object.values(models), audit]);
  const schema = await buildAffiliationSchema();
  const apollo = createSubgraphServer<Context>({ schema, logger, audit, limits: options.limits ?? DEFAULT_LIMITS });
  const verifier = await createTokenVerifier(options.publicKeyPem);
  const context = contextFactory({ connection, models, verifier, logger });
  return {
    schema,
    models,
    listen(port, host) {
      return serveHttp({
        apollo,
        context,
        port,
        host,
        logger,
        gatewaySecrets: options.gatewaySecrets ?? [],
        async readiness() {
          const connected = connection.readyState === 1;
          return { ready: connected, details: { database: connected ? "connected" : "unavailable" } };
        },
      });
    },
  };
}

import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLSchema } from "graphql";
import type { Connection } from "mongoose";
import type { NonEmptyArray } from "type-graphql";
import { remoteMemberAccess, noMemberAccess, type AccessRequest, type MemberAccessLoader } from "../access/member-access.js";
import type { AccessContext } from "../access/policy.js";
import { ledgerConnection, ledgerHeadModel, ledgerModel } from "../audit.js";
import { ledgerAppender } from "../ledger-appender.js";
import { certificateIssuer, documentRoute, storedCertificateModel, type CertificateIssuer } from "../documents/issuer.js";
import { certificateRegisterModel, documentSigningKey } from "../documents/register.js";
import { deliverOutbox, ensureOutboxIndex, mailSettings } from "../mail/outbox.js";
import { UPLOAD_EXPIRY_EVERY_MS, expireUploads, gridFsIndexes, uploadGetRoute, uploadModel, uploadPutRoute, uploadService, type UploadService } from "../uploads/index.js";
import { createTokenVerifier, type TokenTrust } from "../auth/tokens.js";
import { createBaseContext } from "../context.js";
import { createSubgraphServer } from "../graphql/apollo.js";
import { DEFAULT_LIMITS, type OperationLimits } from "../graphql/limits.js";
import { buildFederatedSchema, type SubgraphSchemaOptions } from "../graphql/schema.js";
import { serveHttp, type RouteHandler, type RunningHttpServer } from "../http/serve.js";
import { shutdownSettings, stopGracefully } from "../http/shutdown.js";
import { isProduction } from "../config.js";
import { createLogger, type Logger } from "../logger.js";
import { createServerMetrics, labelProcess, processMetrics } from "../observability/metrics.js";
import { metricsRoute } from "../observability/metrics-route.js";
import { startTracing } from "../observability/tracing.js";
import { connectDatabase, ensureIndexes, type IndexedModel } from "../mongo/connection.js";
import { loadSubgraphConfig } from "./config.js";
import { repeat } from "./jobs.js";
import { createPeers, type PeerUrls, type Peers } from "./peers.js";

/** A model as the kit needs it: one it can create the collection and indexes of. */
type AnyModel = IndexedModel;

/** The request context of a subgraph: the base (viewer, audit, logger), its models, its loaders. */
export type SubgraphContext<TModels, TLoaders, TSettings = Record<string, never>> = AccessContext & {
  models: TModels;
  loaders: TLoaders;
  connection: Connection;
  /** Other subgraphs, asked with this request's credentials (peers.ts). */
  peers: Peers;
  /** The subgraph's own configuration (its `settings` hook), read once at start. */
  settings: TSettings;
  /** This process's own address once it listens (where a bank's callback can reach it in development). */
  service: { url: string | null };
  /** Issues certificates about members as PDFs, entered in the register anyone verifies (kit/documents). */
  certificates: CertificateIssuer;
  /** Support documents members' records refer to: upload tickets, lists, references (kit/uploads). */
  uploads: UploadService;
};

/** What a subgraph's extra routes and background jobs work with: the server's, not a request's. */
export interface SubgraphRuntime<TModels, TSettings> {
  models: TModels;
  connection: Connection;
  logger: Logger;
  settings: TSettings;
  /** Set when the server listens. */
  service: { url: string | null };
}

/** Work a running process repeats (a reconciliation, a daily run); never started by tests. */
export interface SubgraphJob {
  name: string;
  everyMs: number;
  run(): Promise<void>;
}

/** What a seed says it did: whether it wrote anything (a seeded database is left as it is). */
export interface SeedResult {
  created: boolean;
}

/** What a subgraph is: its entities, and nothing of the wiring every subgraph shares. */
export interface SubgraphDefinition<TModels extends Record<string, AnyModel>, TLoaders, TSettings = Record<string, never>> {
  /** Its name in schema/subgraphs.yaml, and its database's by default. */
  name: string;
  resolvers: SubgraphSchemaOptions["resolvers"];
  orphanedTypes?: SubgraphSchemaOptions["orphanedTypes"];
  /** `{ Member: { __resolveReference } }`: each through the request's DataLoader. */
  referenceResolvers?: SubgraphSchemaOptions["referenceResolvers"];
  /** Its collections, over its own database. Their indexes are created at start, one at a time. */
  models(connection: Connection): TModels;
  /** Per-request loaders: created for each request, never shared between viewers. */
  loaders(models: TModels, request: AccessRequest): TLoaders;
  /**
   * How the viewer relates to members, for this subgraph's records. Default: ask the affiliation
   * subgraph (MEMBER_ACCESS_URL). Affiliation answers it from its own data.
   */
  memberAccess?(models: TModels, loaders: TLoaders, request: AccessRequest): MemberAccessLoader;
  /**
   * Reference data every environment needs (code catalogues, dated tables), loaded at every start after
   * the indexes: idempotent, it brings the collections up to the version this code ships.
   */
  referenceData?(connection: Connection, logger: Logger): Promise<void>;
  /** Synthetic data for development stacks (`npm start`, SEED_MEMBERS); leaves a seeded database as it is. */
  seed?(connection: Connection, options: { members?: number; logger: Logger }): Promise<SeedResult>;
  plugins?: ApolloServerPlugin<SubgraphContext<TModels, TLoaders, TSettings>>[];
  /** Its own configuration from the environment, validated (fail fast on a bad value); in every request's context. */
  settings?(env: NodeJS.ProcessEnv): TSettings;
  /** HTTP routes beside /graphql that do not come through the gateway (a bank's callback): `"POST /pse/callback"`. */
  routes?(runtime: SubgraphRuntime<TModels, TSettings>): Record<string, RouteHandler>;
  /** Background work of a running process (main() only): each run on its interval, stopped on shutdown. */
  jobs?(runtime: SubgraphRuntime<TModels, TSettings>): SubgraphJob[];
}

export interface CreateSubgraphServerOptions {
  connection: Connection;
  /** Whom tokens are trusted from; `publicKeyPem` alone is the same as `tokenTrust: { publicKeyPem }`. */
  tokenTrust?: TokenTrust;
  publicKeyPem?: string;
  logger: Logger;
  limits?: OperationLimits;
  /** Secrets the gateway presents in X-Gateway-Secret; none = direct calls accepted. */
  gatewaySecrets?: readonly string[];
  /** The affiliation subgraph's URL, for access checks of records about members. */
  memberAccessUrl?: string | null;
  /** The other subgraphs' URLs by name; read at call time, so it may be filled in after start. */
  peers?: PeerUrls;
  /** Where the subgraph's `settings` are read from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** LEDGER_DB: the access ledger's database on the same server (default "audit", the audit subgraph's). */
  ledgerDb?: string;
}

/** Where people reach the graph (PUBLIC_ORIGIN, the gateway's origin): printed on certificates, for verifying their codes. */
export const DEFAULT_PUBLIC_ORIGIN = "http://127.0.0.1:4000";

/** The access ledger's database when LEDGER_DB does not say: the audit subgraph's own. */
export const DEFAULT_LEDGER_DB = "audit";

export interface SubgraphServer<TModels, TSettings = Record<string, never>> {
  schema: GraphQLSchema;
  models: TModels;
  runtime: SubgraphRuntime<TModels, TSettings>;
  listen(port: number, host: string): Promise<RunningHttpServer>;
}

export interface Subgraph<TModels extends Record<string, AnyModel>, TLoaders, TSettings = Record<string, never>> {
  readonly name: string;
  readonly definition: SubgraphDefinition<TModels, TLoaders, TSettings>;
  /** The schema alone (composition builds it without a database). */
  buildSchema(): Promise<GraphQLSchema>;
  /** Schema, server, context and indexes over a connected database: what tests and main() use. */
  createServer(options: CreateSubgraphServerOptions): Promise<SubgraphServer<TModels, TSettings>>;
  /** Creates the collections and indexes (start, seed and tests call it before traffic). */
  ensureIndexes(connection: Connection): Promise<void>;
  /** The whole process: configuration, database, seed, listen, graceful shutdown. */
  main(env?: NodeJS.ProcessEnv): Promise<void>;
}

/**
 * Any subgraph, whatever its models, loaders and settings: what the registry, the test stacks and the
 * start script do with one (build its schema, seed it, start it). Every Subgraph is one.
 */
export interface RunnableSubgraph {
  readonly name: string;
  readonly definition: { seed?(connection: Connection, options: { members?: number; logger: Logger }): Promise<SeedResult> };
  buildSchema(): Promise<GraphQLSchema>;
  createServer(options: CreateSubgraphServerOptions): Promise<SubgraphServer<unknown, unknown>>;
  ensureIndexes(connection: Connection): Promise<void>;
  main(env?: NodeJS.ProcessEnv): Promise<void>;
}

/** How often each process looks for messages to send. */
const OUTBOX_EVERY_MS = 15_000;

export function defineSubgraph<TModels extends Record<string, AnyModel>, TLoaders, TSettings = Record<string, never>>(
  definition: SubgraphDefinition<TModels, TLoaders, TSettings>,
): Subgraph<TModels, TLoaders, TSettings> {
  type Context = SubgraphContext<TModels, TLoaders, TSettings>;
  const buildSchema = () =>
    buildFederatedSchema({
      resolvers: definition.resolvers as NonEmptyArray<SubgraphSchemaOptions["resolvers"][number]>,
      ...(definition.orphanedTypes && { orphanedTypes: definition.orphanedTypes }),
      ...(definition.referenceResolvers && { referenceResolvers: definition.referenceResolvers }),
    });
  const ensure = async (connection: Connection, models: TModels = definition.models(connection), ledgerDb = DEFAULT_LEDGER_DB) => {
    const ledger = ledgerConnection(connection, ledgerDb);
    await ensureIndexes([...Object.values(models), storedCertificateModel(connection), uploadModel(connection), ...gridFsIndexes(connection), ledgerModel(ledger), certificateRegisterModel(ledger)]);
    await ensureOutboxIndex(connection);
  };

  async function createServer(options: CreateSubgraphServerOptions): Promise<SubgraphServer<TModels, TSettings>> {
    const { connection, logger } = options;
    const settings = Object.freeze(definition.settings?.(options.env ?? process.env) ?? {}) as TSettings;
    const models = definition.models(connection);
    const ledgerDb = options.ledgerDb ?? DEFAULT_LEDGER_DB;
    await ensure(connection, models, ledgerDb);
    await definition.referenceData?.(connection, logger);
    const runtime: SubgraphRuntime<TModels, TSettings> = { models, connection, logger, settings, service: { url: null } };
    const schema = await buildSchema();
    // This subgraph's chain of the access ledger, in the ledger database beside its own.
    const audit = ledgerAppender(ledgerModel(ledgerConnection(connection, ledgerDb)), definition.name, ledgerHeadModel(connection));
    // Its certificates: PDFs in its own database, entries in the register beside the ledger.
    const env = options.env ?? process.env;
    const documents = { stored: storedCertificateModel(connection), key: documentSigningKey(env) };
    const publicUrl = (env["PUBLIC_ORIGIN"]?.trim() || DEFAULT_PUBLIC_ORIGIN).replace(/\/$/, "");
    const certificates = certificateIssuer({
      ...documents,
      issuer: definition.name,
      register: certificateRegisterModel(ledgerConnection(connection, ledgerDb)),
      verifyUrl: (code) => `${publicUrl}/verificar?codigo=${encodeURIComponent(code)}`,
    });
    // Support documents: uploaded by signed link to this subgraph, kept in its own database (GridFS).
    const uploads = uploadService({ subgraph: definition.name, connection, key: documents.key });
    const metrics = createServerMetrics(definition.name);
    const apollo = createSubgraphServer<Context>({
      schema,
      logger,
      audit,
      metrics,
      limits: options.limits ?? DEFAULT_LIMITS,
      ...(definition.plugins && { plugins: definition.plugins }),
    });
    const verifier = await createTokenVerifier(options.tokenTrust ?? { publicKeyPem: options.publicKeyPem ?? null });
    // A subgraph asking affiliation presents the secrets it accepts from the gateway, the current one first.
    const remote = options.memberAccessUrl ? remoteMemberAccess({ url: options.memberAccessUrl, secrets: options.gatewaySecrets ?? [] }) : null;
    const context = async (req: Parameters<Parameters<typeof serveHttp>[0]["context"]>[0]): Promise<Context> => {
      const base = await createBaseContext(req.headers, verifier, logger);
      const request: AccessRequest = base;
      const loaders = definition.loaders(models, request);
      const memberAccess = definition.memberAccess?.(models, loaders, request) ?? remote?.(request) ?? noMemberAccess();
      const peers = createPeers(options.peers ?? {}, options.gatewaySecrets ?? [], request);
      return { ...base, connection, models, loaders, memberAccess, peers, settings, service: runtime.service, certificates, uploads };
    };
    return {
      schema,
      models,
      runtime,
      async listen(port, host) {
        const running = await serveHttp({
          routes: {
            "GET /metrics": metricsRoute([metrics.registry, processMetrics().registry], { token: env["METRICS_TOKEN"]?.trim() || null, production: isProduction(env) }),
            "GET /documents": documentRoute(documents),
            "PUT /uploads": uploadPutRoute({ connection, key: documents.key }),
            "GET /uploads": uploadGetRoute({ connection, key: documents.key }),
            ...definition.routes?.(runtime),
          },
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
        runtime.service.url = running.url.replace(/\/graphql$/, "");
        return running;
      },
    };
  }

  async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
    // Tracing first: the database connection's spans need the provider in place.
    const tracing = startTracing(definition.name, env);
    labelProcess(definition.name);
    const logger = createLogger(definition.name);
    const config = await loadSubgraphConfig(definition.name, env);
    const mail = mailSettings(env);
    const shutdown = shutdownSettings(env);
    const connection = await connectDatabase({ uri: config.mongoUri, dbName: config.dbName, logger });
    const server = await createServer({ connection, logger, ...config, memberAccessUrl: config.memberAccessUrl ?? config.peers["affiliation"] ?? null });
    if (!config.gatewaySecrets.length) logger.warn("GATEWAY_SECRETS is not set: accepting calls that do not come through the gateway (development only)");
    if (config.seedMembers && definition.seed) await definition.seed(connection, { members: config.seedMembers, logger });
    const running = await server.listen(config.port, config.host);
    logger.info({ url: running.url, tracing: tracing.enabled }, `${definition.name} subgraph ready`);
    // Every subgraph delivers its own outbox (a certificate by e-mail, a PQRS answer, a notice to a cotizante).
    const outbox: SubgraphJob = { name: "outbox", everyMs: OUTBOX_EVERY_MS, run: async () => void (await deliverOutbox(connection, { settings: mail })) };
    // And deletes the support documents no record referred to within their day, with their content.
    const uploadExpiry: SubgraphJob = { name: "uploads-expiry", everyMs: UPLOAD_EXPIRY_EVERY_MS, run: async () => void (await expireUploads(connection)) };
    const jobs = [...(definition.jobs?.(server.runtime) ?? []), outbox, uploadExpiry].map((job) => repeat(job, logger));

    stopGracefully({
      logger,
      server: running,
      settings: shutdown,
      // No job starts once the signal came; one under way (an e-mail sent, its `sentAt` not yet written)
      // finishes before the database closes, or it would be sent again.
      onSignal: () => jobs.forEach((job) => job.stop()),
      release: [() => Promise.all(jobs.map((job) => job.idle())).then(() => undefined), () => connection.close(), () => tracing.shutdown()],
    });
  }

  return { name: definition.name, definition, buildSchema, createServer, ensureIndexes: (connection) => ensure(connection), main };
}

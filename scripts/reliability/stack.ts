// The graph npm run reliability runs: a database server of its own (the fault run stops and restarts it),
// a Redis of its own (the fault run kills it), every subgraph seeded as `npm start` seeds it and run from
// its build, and our gateway as production runs it. A process that exits by itself is restarted after a
// delay, as an orchestrator would, and every such exit is counted: outside the fault that caused it on
// purpose, one is a crash.
import { connectDatabase, createLogger, createTokenSigner, generateKeyPairPem, type TokenSigner } from "@sos/kit";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MongoClient } from "mongodb";
import { provisionDatabase, type ProvisionedDatabase } from "../lib/database/index.js";
import { freePort, isAlive } from "../lib/database/processes.js";
import { startGraph, type RunningGraph } from "../lib/graph.js";
import { startRedisServer } from "../lib/redis.js";
import { REPO_ROOT } from "../lib/paths.js";
import { loadSubgraph, readRegistry } from "../lib/registry.js";
import { startService, type RestartPolicy, type RunningService, type ServiceSpec } from "../lib/services.js";
import { databasePid } from "../bench/database.js";
import { until } from "./readiness.js";

/** The suite's own server's data folder, apart from `npm start`'s, the tests' and the benchmarks'. */
export const RELIABILITY_DB_DIR = ".dev/reliability-db";
const DB_PREFIX = "rel_";
const HOST = "127.0.0.1";

/** A process's exit the suite did not cause (a crash), or did (a fault), with when it happened. */
export interface ProcessExit {
  name: string;
  code: number | null;
  at: number;
}

export interface ReliabilityStack {
  /** The database server's connection string; the same after a restart (same port, same data). */
  uri(): string;
  /** A client of the suite's own (hashes, checks), not the services'. */
  client(): MongoClient;
  dbPrefix: string;
  graph: RunningGraph;
  gatewayUrl: string;
  /** Readiness URL of every process, by name (gateway included). */
  readyUrls: Record<string, string>;
  signer: TokenSigner;
  /** A second key, unknown to the graph: tokens it signs are forgeries. */
  forger: TokenSigner;
  /** The graph's signing key pair (the hostile run crafts tokens the signer would not: wrong audience, no role). */
  keys: { publicKeyPem: string; privateKeyPem: string };
  metricsToken: string;
  /** Every exit of a graph process so far (each was followed by a restart). */
  exits: ProcessExit[];
  redis: LocalRedis;
  /** Another gateway like the first, with `env` on top of its environment (its own port): the Redis run's. */
  startGateway(name: string, env: Record<string, string>): Promise<{ url: string; service: RunningService }>;
  /** Stops the database server (as an operator would); `crash`: kills it with SIGKILL, as a power cut would. */
  stopDatabase(crash?: boolean): Promise<void>;
  /** Starts it again on the same port and data. */
  startDatabase(): Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions {
  members: number;
  /** How long a process that exited stays down before it is started again. */
  restartDelayMs: number;
  log: (message: string) => void;
  /** Told of every process when it is spawned, so an interrupted run can stop it. */
  onStarted: (service: RunningService) => void;
}

/** A redis-server of the suite's own on a free port, nothing kept on disk; it can be killed and started again. */
export interface LocalRedis {
  url: string;
  kill(): Promise<void>;
  start(): Promise<void>;
}

async function startLocalRedis(): Promise<LocalRedis> {
  const port = await freePort();
  let server: { stop(): Promise<void> } | null = null;
  const start = async (): Promise<void> => {
    server = await startRedisServer(port, "SIGKILL");
    if (!server) throw new Error(`redis-server could not be started on ${HOST}:${port}: the suite needs Debian's redis-server on PATH`);
  };
  const kill = async (): Promise<void> => {
    const running = server;
    server = null;
    await running?.stop();
  };
  await start();
  return { url: `redis://${HOST}:${port}`, kill, start };
}

export async function startReliabilityStack(options: StackOptions): Promise<ReliabilityStack> {
  const logger = createLogger("reliability", process.env["LOG_LEVEL"] ?? "warn");
  // The suite stops and restarts its server, so it never uses one given by MONGODB_URI (the test
  // command's, shared with other suites): it provisions its own.
  delete process.env["MONGODB_URI"];
  await reserveDatabasePort();
  let db: ProvisionedDatabase = await provisionDatabase({ dataDir: RELIABILITY_DB_DIR, log: options.log });
  const uri = db.uri;
  let client = new MongoClient(uri, { heartbeatFrequencyMS: 1_000 });
  const dbPrefix = `${DB_PREFIX}${randomBytes(4).toString("hex")}_`;
  const keyDir = await mkdtemp(join(tmpdir(), "sos-reliability-"));
  const services: RunningService[] = [];
  const exits: ProcessExit[] = [];
  let redis: LocalRedis | null = null;
  const stop = async (): Promise<void> => {
    await Promise.all(services.map((service) => service.stop().catch(() => {})));
    await redis?.kill();
    await dropDatabases(client, dbPrefix).catch(() => {});
    await client.close().catch(() => {});
    await rm(keyDir, { recursive: true, force: true });
    await db.stop();
  };
  try {
    await client.connect();
    await dropDatabases(client, DB_PREFIX);
    for (const entry of readRegistry().filter((subgraph) => subgraph.seed)) {
      const subgraph = await loadSubgraph(entry);
      const connection = await connectDatabase({ uri, dbName: `${dbPrefix}${entry.name}`, logger });
      await subgraph.ensureIndexes(connection);
      await subgraph.definition.seed?.(connection, { members: options.members, logger });
      await connection.close();
    }
    options.log(`seeded ${dbPrefix}* (${options.members} members, ${db.kind})`);
    redis = await startLocalRedis();

    const keys = await generateKeyPairPem();
    const publicKeyPath = join(keyDir, "signing-key.pub.pem");
    await writeFile(publicKeyPath, keys.publicKeyPem, { mode: 0o644 });
    const gatewaySecret = randomBytes(24).toString("base64url");
    const metricsToken = randomBytes(16).toString("base64url");
    const onExit: RestartPolicy = {
      initialDelayMs: options.restartDelayMs,
      maxDelayMs: options.restartDelayMs,
      onRestart: (name, code) => {
        exits.push({ name, code, at: Date.now() });
        options.log(`${name} exited (code ${code}); starting it again in ${options.restartDelayMs} ms`);
      },
    };
    const track = (service: RunningService): void => {
      services.push(service);
      options.onStarted(service);
    };
    const ports = new Map<string, number>();
    for (const entry of readRegistry()) ports.set(entry.name, await freePort());
    const graph = await startGraph({
      mongoUri: uri,
      dbName: (entry) => `${dbPrefix}${entry.name}`,
      port: (entry) => ports.get(entry.name) as number,
      gatewayPort: await freePort(),
      publicKeyPath,
      gatewaySecret,
      redisUrl: redis.url,
      env: { LOG_LEVEL: "error", METRICS_TOKEN: metricsToken },
      gatewayEnv: {
        NODE_ENV: "production",
        // The suite signs its own tokens with a key it gives the gateway (no identity service login needed).
        ALLOW_STATIC_TOKEN_KEY: "true",
        // Every role but partner clinics sends its own documents here, so that hostile documents
        // reach the parser, the validation and the cost limits (a production gateway refuses them earlier,
        // by id, for everyone but analysts).
        ADHOC_OPERATIONS: "MEMBER,EMPLOYER,AGENT,ANALYST,AUDITOR,ADMIN",
        // Every request comes from 127.0.0.1: the limits per address and per user would answer most of the
        // run with 429 and test nothing else. The limiter still counts each request (in Redis).
        RATE_LIMIT_PER_USER: "100000000",
        RATE_LIMIT_PER_CLIENT: "100000000",
        RATE_LIMIT_PER_IP: "100000000",
        RIGHTS_CHECK_QUOTA_PER_HOUR: "100000000",
        PLAYGROUND: "false",
        // Readiness as probes see it at each moment (the fault run times red and green).
        READINESS_CACHE_MS: "0",
      },
      fromBuild: true,
      onExit,
      onStarted: track,
    });
    const readyUrls: Record<string, string> = Object.fromEntries(graph.subgraphs.map(({ name, url }) => [name, url.replace(/\/graphql$/, "/health/ready")]));
    readyUrls["gateway"] = graph.gatewayUrl.replace(/\/graphql$/, "/health/ready");
    const forger = await createTokenSigner((await generateKeyPairPem()).privateKeyPem);
    return {
      uri: () => uri,
      client: () => client,
      dbPrefix,
      graph,
      gatewayUrl: graph.gatewayUrl,
      readyUrls,
      signer: await createTokenSigner(keys.privateKeyPem),
      forger,
      keys,
      metricsToken,
      exits,
      redis,
      async startGateway(name, env) {
        const spec = graph.gatewaySpec as ServiceSpec;
        const port = await freePort();
        const service = startService({ ...spec, name, env: { ...spec.env, ...env, PORT: String(port) }, readyUrl: `http://${HOST}:${port}/health/ready` }, onExit);
        track(service);
        await service.ready();
        return { url: `http://${HOST}:${port}/graphql`, service };
      },
      async stopDatabase(crash = false) {
        await client.close();
        const pid = crash ? databasePid(db, RELIABILITY_DB_DIR) : undefined;
        if (crash && !pid) throw new Error("the database server's pid is unknown: it cannot be killed");
        if (pid) {
          process.kill(pid, "SIGKILL");
          await until(() => !isAlive(pid), 10_000, "the killed database server to be gone");
        }
        await db.stop();
      },
      async startDatabase() {
        db = await provisionDatabase({ dataDir: RELIABILITY_DB_DIR, log: options.log });
        if (db.uri !== uri) throw new Error(`the database server came back at ${db.uri}, not ${uri} (its port was taken): the services cannot find it`);
        client = new MongoClient(uri, { heartbeatFrequencyMS: 1_000 });
        await client.connect();
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The database server comes back on the port it had (the services' connection string names it). A port of
 * the ephemeral range, where the system also picks the local ports of outgoing connections, could be taken
 * while the server is down; one below it is not. Written where the provisioning looks for the last port.
 */
async function reserveDatabasePort(): Promise<void> {
  const dir = join(REPO_ROOT, RELIABILITY_DB_DIR);
  await mkdir(dir, { recursive: true });
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = 20_000 + Math.floor(Math.random() * 10_000);
    if ((await freePort(candidate)) !== candidate) continue;
    for (const file of ["secantus.port.json", "mongod.port.json"]) await writeFile(join(dir, file), `${JSON.stringify({ port: candidate })}\n`);
    return;
  }
}

/** Drops the databases whose names start with `prefix` (this run's, or every run's leftovers). */
async function dropDatabases(client: MongoClient, prefix: string): Promise<void> {
  const { databases } = await client.db("admin").admin().listDatabases({ nameOnly: true });
  for (const { name } of databases) if (name.startsWith(prefix)) await client.db(name).dropDatabase();
}

// The stack npm run bench:compare measures: one database server, every subgraph seeded and run from its
// build as production runs it, and three gateways on the same supergraph in front of the same subgraphs —
// ours (gateway/dist), Hive Gateway with its JavaScript planner and Hive Gateway with Hive Router's Rust
// planner (scripts/bench/hive, installed here by npm on first use).
import { connectDatabase, createLogger, createTokenSigner, generateKeyPairPem, type TokenSigner } from "@sos/kit";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MongoClient } from "mongodb";
import { provisionDatabase, type ProvisionedDatabase } from "../../lib/database/index.js";
import { startGraph } from "../../lib/graph.js";
import { REPO_ROOT } from "../../lib/paths.js";
import { loadSubgraph, readRegistry } from "../../lib/registry.js";
import { startService, type RunningService } from "../../lib/services.js";
import { SUPERGRAPH_PATH } from "../../lib/supergraph.js";
import { freePort } from "../../lib/database/processes.js";
import { BENCH_DB_DIR, dropLeftoverBenchDatabases } from "../database.js";

export const HIVE_DIR = join(REPO_ROOT, "scripts", "bench", "hive");
const HOST = "127.0.0.1";

export type GatewayKey = "ours" | "hive-js" | "hive-rust";

export interface BenchGateway {
  key: GatewayKey;
  label: string;
  url: string;
  service: RunningService;
}

export interface BenchStack {
  db: ProvisionedDatabase;
  /** A client of the database server of its own (serverStatus readings), not the services'. */
  monitor: MongoClient;
  /** Every subgraph's database starts with it. */
  dbPrefix: string;
  subgraphs: { name: string; url: string; service: RunningService }[];
  gateways: BenchGateway[];
  /** The secret the subgraphs require: the benchmark sends it when it calls a subgraph directly. */
  gatewaySecret: string;
  /** The subgraphs' METRICS_TOKEN, for their /metrics (calls and database commands per request). */
  metricsToken: string;
  signer: TokenSigner;
  /** Milliseconds from spawning each gateway to its first ready answer. */
  startMs: Record<GatewayKey, number>;
  stop(): Promise<void>;
}

export interface StackOptions {
  members: number;
  /** Which gateways to run (all three by default). */
  gateways: readonly GatewayKey[];
  /** Told of every process as soon as it is spawned, so an interrupted run can stop it. */
  onStarted: (service: RunningService) => void;
  onExit: (name: string, code: number | null) => void;
  failed: Promise<never>;
  log: (message: string) => void;
}

/** Hive Gateway's packages, at the versions scripts/bench/hive/package-lock.json pins (npm ci on first use). */
export function ensureHiveInstalled(log: (message: string) => void): Record<string, string> {
  const installed = join(HIVE_DIR, "node_modules", "@graphql-hive", "router-runtime", "package.json");
  if (!existsSync(installed)) {
    log("installing Hive Gateway into scripts/bench/hive (npm ci, once; about 40 s)");
    execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: HIVE_DIR, stdio: ["ignore", "ignore", "inherit"] });
  }
  const version = (name: string): string => (JSON.parse(readFileSync(join(HIVE_DIR, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  return {
    "@graphql-hive/gateway": version("@graphql-hive/gateway"),
    "@graphql-hive/router-runtime": version("@graphql-hive/router-runtime"),
    "@graphql-hive/router-query-planner": version("@graphql-hive/router-query-planner"),
  };
}

/** The supergraph with each subgraph's routing URL replaced by where this run started it. */
function supergraphAt(urls: Map<string, string>): string {
  return readFileSync(SUPERGRAPH_PATH, "utf8").replace(/(@join__graph\(name:\s*"([^"]+)",\s*url:\s*")([^"]+)(")/g, (match, head: string, name: string, _url: string, tail: string) =>
    urls.has(name) ? `${head}${urls.get(name)}${tail}` : match,
  );
}

export async function startStack(options: StackOptions): Promise<BenchStack> {
  const logger = createLogger("bench", process.env["LOG_LEVEL"] ?? "warn");
  const db = await provisionDatabase({ dataDir: BENCH_DB_DIR });
  const monitor = new MongoClient(db.uri, { heartbeatFrequencyMS: 600_000 });
  const dbPrefix = `bench_${randomBytes(4).toString("hex")}`;
  const dbName = (name: string): string => `${dbPrefix}_${name}`;
  const keyDir = await mkdtemp(join(tmpdir(), "sos-bench-"));
  const services: RunningService[] = [];
  const track = (service: RunningService): void => {
    services.push(service);
    options.onStarted(service);
  };
  const stop = async (): Promise<void> => {
    await Promise.all(services.map((service) => service.stop().catch(() => {})));
    const { databases } = await monitor.db("admin").admin().listDatabases({ nameOnly: true }).catch(() => ({ databases: [] as { name: string }[] }));
    for (const { name } of databases) if (name.startsWith(`${dbPrefix}_`)) await monitor.db(name).dropDatabase().catch(() => {});
    await monitor.close().catch(() => {});
    await rm(keyDir, { recursive: true, force: true });
    await db.stop();
  };
  try {
    await monitor.connect();
    await dropLeftoverBenchDatabases(monitor, db, options.log);

    // Every subgraph seeded as `npm start` seeds it, each in its own database.
    for (const entry of readRegistry().filter((subgraph) => subgraph.seed)) {
      const subgraph = await loadSubgraph(entry);
      const connection = await connectDatabase({ uri: db.uri, dbName: dbName(entry.name), logger });
      await subgraph.ensureIndexes(connection);
      await subgraph.definition.seed?.(connection, { members: options.members, logger });
      await connection.close();
    }
    options.log(`seeded ${dbPrefix}_* (${options.members} members, ${db.kind})`);

    const keys = await generateKeyPairPem();
    const publicKeyPath = join(keyDir, "bench-signing-key.pub.pem");
    await writeFile(publicKeyPath, keys.publicKeyPem, { mode: 0o644 });
    const gatewaySecret = randomBytes(24).toString("base64url");
    const metricsToken = randomBytes(16).toString("base64url");
    const ports = new Map<string, number>();
    for (const entry of readRegistry()) ports.set(entry.name, await freePort());
    const graph = await startGraph({
      mongoUri: db.uri,
      dbName: (entry) => dbName(entry.name),
      port: (entry) => ports.get(entry.name) as number,
      gatewayPort: await freePort(),
      publicKeyPath,
      gatewaySecret,
      // From their builds, with development settings (a mail catcher, the sandbox bank, development keys):
      // the subgraphs are the same for every gateway; the gateways run as production runs them.
      env: { LOG_LEVEL: "warn", METRICS_TOKEN: metricsToken },
      fromBuild: true,
      withGateway: false,
      onExit: options.onExit,
      failed: options.failed,
      onStarted: track,
    });
    const urls = new Map(graph.subgraphs.map(({ name, url }) => [name, url]));
    const supergraphFile = join(keyDir, "supergraph.graphql");
    await writeFile(supergraphFile, supergraphAt(urls));

    const gateways: BenchGateway[] = [];
    const startMs = {} as Record<GatewayKey, number>;
    for (const key of options.gateways) {
      const port = await freePort();
      const shared = { PORT: String(port), HOST, NODE_ENV: "production", LOG_LEVEL: "error", GATEWAY_SECRET: gatewaySecret, ...(process.env["BENCH_GATEWAY_NODE_OPTIONS"] && { NODE_OPTIONS: process.env["BENCH_GATEWAY_NODE_OPTIONS"] }) };
      const spec =
        key === "ours"
          ? {
              name: "gateway",
              entry: "gateway/dist/index.js",
              readyUrl: `http://${HOST}:${port}/health/ready`,
              env: {
                ...shared,
                SUPERGRAPH_PATH: supergraphFile,
                JWT_PUBLIC_KEY_FILE: publicKeyPath,
                // Members and agents send their own queries here, as they may to Hive Gateway (which has no trusted list).
                ADHOC_OPERATIONS: "MEMBER,EMPLOYER,AGENT,ANALYST",
                // Rate limits counted in memory and out of reach: the benchmark measures the graph, not the limiter.
                RATE_LIMIT_PER_USER: "100000000",
                RATE_LIMIT_PER_CLIENT: "100000000",
                RIGHTS_CHECK_QUOTA_PER_HOUR: "100000000",
                PLAYGROUND: "false",
                // Hive Gateway gives a subgraph as long as it takes; ours gives up after 10 s by default, which the
                // slowest scenarios reach on the local database server. Both wait the same here.
                SUBGRAPH_TIMEOUT_MS: "60000",
                METRICS_TOKEN: metricsToken,
              },
            }
          : {
              name: key,
              entry: "scripts/bench/hive/gateway.mjs",
              readyUrl: `http://${HOST}:${port}/readiness`,
              env: { ...shared, HIVE_PLANNER: key === "hive-rust" ? "rust" : "js", SUPERGRAPH_FILE: supergraphFile },
            };
      const spawned = performance.now();
      const service = startService({ ...spec, fromBuild: true }, options.onExit);
      track(service);
      await Promise.race([service.ready(), options.failed]);
      startMs[key] = Math.round(performance.now() - spawned);
      gateways.push({ key, label: GATEWAY_LABELS[key], url: `http://${HOST}:${port}/graphql`, service });
    }
    return { db, monitor, dbPrefix, subgraphs: graph.subgraphs, gateways, gatewaySecret, metricsToken, signer: await createTokenSigner(keys.privateKeyPem), startMs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export const GATEWAY_LABELS: Record<GatewayKey, string> = {
  ours: "ours (Apollo Gateway 2.14, Apollo Server 5)",
  "hive-js": "Hive Gateway, JavaScript planner",
  "hive-rust": "Hive Gateway, Rust planner (router-runtime)",
};

// npm run bench [-- --members 3000 --requests 2000 --concurrency 16]: load on the whole graph, run as
// `npm start` runs it (the affiliation subgraph and the gateway as separate processes), on a fresh seeded
// database of its own, with traffic only to 127.0.0.1. Per scenario it reports latencies (which depend on
// the database server: labelled with its kind), and the numbers that do not: gateway and subgraph CPU
// per request and database operations per request. See scripts/bench/README.md.
import { connectDatabase, createLogger, createTokenSigner, ensureIndexes, generateKeyPairPem } from "@sos/kit";
import { MongoClient } from "mongodb";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { createModels } from "../../services/affiliation/src/context.js";
import { PERSONAS } from "@sos/personas";
import { seedAffiliation, type SeedReport } from "../../services/affiliation/src/seed/seed.js";
import { provisionDatabase } from "../lib/database/index.js";
import { freePort } from "../lib/database/processes.js";
import { REPO_ROOT } from "../lib/paths.js";
import { startGraph } from "../lib/graph.js";
import { readRegistry } from "../lib/registry.js";
import type { RunningService } from "../lib/services.js";
import { BENCH_DB_DIR, databasePid, dropLeftoverBenchDatabases, serverVersion } from "./database.js";
import { graphScenarios } from "./graph-scenarios.js";
import { round, roundSummary, runLoad, summarize } from "./load.js";
import { intOption } from "./options.js";
import { clockTicksPerSecond, cpuTicks, opDelta, opTotal, readOpCounters } from "./metrics.js";
import { formatTable, type BenchSettings, type ScenarioResult } from "./report.js";

const DEFAULTS = { members: 3000, requests: 2000, concurrency: 16, warmup: 100, maxSeconds: 15 } as const;
/** The warm-up stops after this long even if it has not sent all its requests (a slow scenario). */
const WARMUP_MAX_MS = 5_000;
/** How long the graph's idle CPU is sampled, with no traffic, before the scenarios. */
const IDLE_SAMPLE_MS = 4_000;
/** This run's secret between the gateway and the subgraph, which refuses calls without it. */
const GATEWAY_SECRET = randomBytes(24).toString("base64url");
const UNLIMITED_RATES = { RATE_LIMIT_PER_USER: "100000000", RATE_LIMIT_PER_CLIENT: "100000000", RIGHTS_CHECK_QUOTA_PER_HOUR: "100000000" };

// ---------------------------------------------------------------------------------------------------
// Settings

const { values } = parseArgs({
  options: {
    members: { type: "string" },
    requests: { type: "string" },
    concurrency: { type: "string" },
    warmup: { type: "string" },
    "max-seconds": { type: "string" },
  },
});

const settings: BenchSettings = {
  members: intOption("members", values.members, DEFAULTS.members, 10),
  requests: intOption("requests", values.requests, DEFAULTS.requests, 1),
  concurrency: intOption("concurrency", values.concurrency, DEFAULTS.concurrency, 1),
  warmup: intOption("warmup", values.warmup, DEFAULTS.warmup, 0),
  maxSeconds: intOption("max-seconds", values["max-seconds"], DEFAULTS.maxSeconds, 1),
};

// ---------------------------------------------------------------------------------------------------
// Helpers

/** A per-request CPU figure less what the process would have used idle over the same wall time. */
const lessIdle = (perRequest: number | null, idleMsPerSecond: number | null, wallMs: number, requests: number): number | null =>
  perRequest === null || idleMsPerSecond === null ? null : round(Math.max(0, perRequest - (idleMsPerSecond * wallMs) / 1000 / requests), 3);

function resultFileName(date: string, kind: string): string {
  const suffix = [
    settings.members !== DEFAULTS.members ? `m${settings.members}` : "",
    settings.requests !== DEFAULTS.requests ? `r${settings.requests}` : "",
    settings.concurrency !== DEFAULTS.concurrency ? `c${settings.concurrency}` : "",
  ]
    .filter(Boolean)
    .join("-");
  return `${date}-${kind}${suffix ? `-${suffix}` : ""}.json`;
}

// ---------------------------------------------------------------------------------------------------
// The run

const logger = createLogger("bench", process.env["LOG_LEVEL"] ?? "warn");
const log = (message: string): void => void process.stderr.write(`[bench] ${message}\n`);
const running: RunningService[] = [];
let failure: Error | null = null;
let rejectOnFailure: (error: Error) => void = () => {};
const failed = new Promise<never>((_, reject) => {
  rejectOnFailure = reject;
});
failed.catch(() => {});
/** Aborted when the run must stop early: the load stops sending. */
const stopLoad = new AbortController();
function fail(error: Error): void {
  failure ??= error;
  stopLoad.abort(failure);
  rejectOnFailure(failure);
}
const onUnexpectedExit = (name: string, code: number | null): void => fail(new Error(`${name} stopped unexpectedly (exit code ${code})`));

const db = await provisionDatabase({ dataDir: BENCH_DB_DIR });
const monitor = new MongoClient(db.uri, { heartbeatFrequencyMS: 600_000 });
const dbName = `bench_${randomBytes(4).toString("hex")}`;
let keyDir: string | null = null;
let exitCode = 0;
let cleaningUp: Promise<void> | null = null;

function cleanup(): Promise<void> {
  cleaningUp ??= (async () => {
    for (const service of [...running].reverse()) await service.stop().catch(() => {});
    await monitor
      .db(dbName)
      .dropDatabase()
      .catch((error: unknown) => log(`could not drop ${dbName}: ${String(error)}`));
    await monitor.close().catch(() => {});
    if (keyDir) await rm(keyDir, { recursive: true, force: true });
    await db.stop();
  })();
  return cleaningUp;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    fail(new Error(`interrupted by ${signal}`));
    void cleanup().finally(() => process.exit(130));
  });
}

try {
  await monitor.connect();
  await dropLeftoverBenchDatabases(monitor, db, log);
  const databaseVersion = await serverVersion(monitor);

  // Seed a fresh database, the way `npm start` does.
  log(`seeding ${settings.members} members into ${dbName} (${db.kind})`);
  const connection = await connectDatabase({ uri: db.uri, dbName, logger });
  const models = createModels(connection);
  await ensureIndexes(Object.values(models));
  const seed: SeedReport = await seedAffiliation(connection, { members: settings.members, logger });
  // ~200 real documents for rightsCheck, spread over the collection (ids are random hex).
  const documents = await models.members
    .find({}, { _id: 0, documentType: 1, documentNumber: 1 })
    .sort({ _id: 1 })
    .limit(200)
    .lean<{ documentType: string; documentNumber: string }[]>()
    .exec();
  await connection.close();
  log(`seeded in ${seed.ms} ms: ${seed.members} members, ${seed.employers} employers`);

  // A signing key of this run only; the services read the public half from a file.
  const keys = await generateKeyPairPem();
  keyDir = await mkdtemp(join(tmpdir(), "sos-bench-"));
  const publicKeyPath = join(keyDir, "bench-signing-key.pub.pem");
  await writeFile(publicKeyPath, keys.publicKeyPem, { mode: 0o644 });
  const signer = await createTokenSigner(keys.privateKeyPem);
  const token = async (name: string): Promise<string> => {
    const persona = PERSONAS[name];
    if (!persona) throw new Error(`no persona ${name}`);
    return signer.sign(persona, "2h");
  };
  const tokens = { member: await token("member"), employer: await token("employer"), ips: await token("ips") };

  // The graph, as separate processes, every registered subgraph on a free port; affiliation is the one measured.
  const ports = new Map<string, number>();
  for (const entry of readRegistry()) ports.set(entry.name, await freePort());
  const gatewayPort = await freePort();
  const graph = await startGraph({
    mongoUri: db.uri,
    dbName: (entry) => (entry.name === "affiliation" ? dbName : `${dbName}_${entry.name}`),
    port: (entry) => ports.get(entry.name) as number,
    gatewayPort,
    publicKeyPath,
    gatewaySecret: GATEWAY_SECRET,
    env: { LOG_LEVEL: "warn" },
    // The benchmark measures the graph, not the rate limiter: one persona sends thousands of requests.
    gatewayEnv: UNLIMITED_RATES,
    onExit: onUnexpectedExit,
    failed,
  });
  running.push(...graph.services);
  const subgraph = graph.subgraphs.find((candidate) => candidate.name === "affiliation")?.service;
  if (!subgraph) throw new Error("schema/subgraphs.yaml has no affiliation subgraph");
  const gateway = graph.gateway;
  if (!gateway) throw new Error("the gateway did not start");
  const url = graph.gatewayUrl;
  log(`graph up: gateway ${url} (pid ${gateway.child.pid}), affiliation (pid ${subgraph.child.pid}), ${graph.subgraphs.length} subgraph(s)`);

  const scenarios = await graphScenarios({ url, tokens, documents, log });

  const loadStart = loadavg()[0] ?? 0;
  const ticksPerSecond = clockTicksPerSecond();
  const msPerTick = 1000 / ticksPerSecond;
  const dbPid = databasePid(db);

  // What the processes burn with no traffic (timers, GC, the drivers' monitoring): part of every
  // per-request figure below, and a visible part where a scenario manages few requests.
  await sleep(1_000);
  const idleStart = { at: performance.now(), gateway: cpuTicks(gateway.child.pid), subgraph: cpuTicks(subgraph.child.pid), database: cpuTicks(dbPid) };
  await sleep(IDLE_SAMPLE_MS);
  const idleSeconds = (performance.now() - idleStart.at) / 1000;
  const idleRate = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : round(((b - a) * msPerTick) / idleSeconds, 2));
  const idleCpuMsPerSecond = {
    gateway: idleRate(idleStart.gateway, cpuTicks(gateway.child.pid)),
    subgraph: idleRate(idleStart.subgraph, cpuTicks(subgraph.child.pid)),
    database: idleRate(idleStart.database, cpuTicks(dbPid)),
  };
  log(`idle CPU over ${IDLE_SAMPLE_MS / 1000} s: gateway ${idleCpuMsPerSecond.gateway} ms/s, subgraph ${idleCpuMsPerSecond.subgraph} ms/s, database ${idleCpuMsPerSecond.database} ms/s`);

  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    if (failure) throw failure;
    log(`${scenario.key}: ${settings.warmup} warm-up requests (at most ${WARMUP_MAX_MS / 1000} s), then ${settings.requests} (at most ${settings.maxSeconds} s)`);
    await runLoad(scenario, { url, requests: settings.warmup, concurrency: settings.concurrency, maxMs: WARMUP_MAX_MS, signal: stopLoad.signal });

    const before = {
      gateway: cpuTicks(gateway.child.pid),
      subgraph: cpuTicks(subgraph.child.pid),
      database: cpuTicks(dbPid),
      client: process.cpuUsage(),
      ops: await readOpCounters(monitor),
    };
    const load = await runLoad(scenario, { url, requests: settings.requests, concurrency: settings.concurrency, maxMs: settings.maxSeconds * 1000, signal: stopLoad.signal });
    const after = {
      gateway: cpuTicks(gateway.child.pid),
      subgraph: cpuTicks(subgraph.child.pid),
      database: cpuTicks(dbPid),
      client: process.cpuUsage(before.client),
      ops: await readOpCounters(monitor),
    };
    if (failure) throw failure;

    const n = load.requests || 1;
    const cpuPerRequest = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : round(((b - a) * msPerTick) / n, 3));
    const ops = before.ops && after.ops ? opDelta(before.ops, after.ops) : null;
    const perRequest = (value: number): number => round(value / n, 3);
    results.push({
      key: scenario.key,
      title: scenario.title,
      requests: load.requests,
      errors: load.errors,
      firstError: load.firstError,
      timeBound: load.timeBound,
      wallMs: round(load.wallMs, 1),
      throughput: round(load.requests / (load.wallMs / 1000), 1),
      latencyMs: roundSummary(summarize(load.latencies)),
      cpuMsPerRequest: {
        gateway: cpuPerRequest(before.gateway, after.gateway),
        subgraph: cpuPerRequest(before.subgraph, after.subgraph),
        database: cpuPerRequest(before.database, after.database),
        benchClient: round((after.client.user + after.client.system) / 1000 / n, 3),
      },
      cpuMsPerRequestLessIdle: {
        gateway: lessIdle(cpuPerRequest(before.gateway, after.gateway), idleCpuMsPerSecond.gateway, load.wallMs, n),
        subgraph: lessIdle(cpuPerRequest(before.subgraph, after.subgraph), idleCpuMsPerSecond.subgraph, load.wallMs, n),
        database: lessIdle(cpuPerRequest(before.database, after.database), idleCpuMsPerSecond.database, load.wallMs, n),
      },
      dbOpsPerRequest: ops
        ? {
            insert: perRequest(ops.insert),
            query: perRequest(ops.query),
            update: perRequest(ops.update),
            delete: perRequest(ops.delete),
            getmore: perRequest(ops.getmore),
            command: perRequest(ops.command),
            total: perRequest(opTotal(ops)),
          }
        : null,
    });
    const last = results.at(-1) as ScenarioResult;
    log(`${scenario.key}: ${last.requests} requests, ${last.throughput} req/s, p50 ${last.latencyMs.p50} ms, ${last.errors} errors`);
  }

  const date = new Date().toISOString().slice(0, 10);
  const report = {
    date: new Date().toISOString(),
    command: `npm run bench:graph -- --members ${settings.members} --requests ${settings.requests} --concurrency ${settings.concurrency} --warmup ${settings.warmup} --max-seconds ${settings.maxSeconds}`,
    settings,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", node: process.version, platform: `${process.platform} ${process.arch}`, clockTicksPerSecond: ticksPerSecond },
    database: { kind: db.kind, version: databaseVersion, name: dbName },
    seed: { members: seed.members, employers: seed.employers, ms: seed.ms },
    /** The machine's 1-minute load average when the graph came up and at the end (other work shares it). */
    loadAverage: { start: round(loadStart, 2), end: round(loadavg()[0] ?? 0, 2) },
    idleCpuMsPerSecond,
    notes: [
      "Latencies and throughput depend on the database server (database.kind) and on this machine: the load generator, the gateway, the subgraph and the database share its CPUs.",
      "cpuMsPerRequest: user+system time from /proc/<pid>/stat (utime+stime) before and after the measured phase, divided by its requests; benchClient is this process (process.cpuUsage). cpuMsPerRequestLessIdle subtracts idleCpuMsPerSecond (sampled with no traffic) over the phase's wall time.",
      "dbOpsPerRequest: serverStatus.opcounters before and after the measured phase, less the serverStatus that read them, divided by the requests; it also holds the subgraph driver's monitoring (about one hello every 10 s).",
    ],
    scenarios: results,
  };
  const resultsDir = join(REPO_ROOT, "scripts", "bench", "results");
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, resultFileName(date, db.kind));
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);

  console.log(formatTable(results, { databaseKind: db.kind, databaseVersion, settings, cpus: cpus().length, node: process.version, seed, idleCpuMsPerSecond }));
  console.log(`\nResults: ${file.slice(REPO_ROOT.length + 1)}`);
  if (results.some((result) => result.errors > 0)) exitCode = 1;
} catch (error) {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  exitCode = 1;
} finally {
  await cleanup();
}
process.exit(exitCode);

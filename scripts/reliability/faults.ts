// The fault run, under member-dashboard traffic: a subgraph killed (SIGKILL) and started again by the
// restart policy, as an orchestrator would; the database server stopped, and then killed (SIGKILL), and
// started again while members file PQRS, every acknowledged filing then looked for; Redis killed under a
// gateway whose rate limits count in it.
import { PERSONAS } from "@sos/personas";
import { readFileSync } from "node:fs";
import { MANIFEST_PATH } from "../lib/supergraph.js";
import type { ReliabilityStack } from "./stack.js";
import { startDashboardTraffic, tally, type Sample } from "./traffic.js";
import { until, watchReadiness, type ReadinessChange } from "./readiness.js";

export interface SubgraphKillReport {
  subgraph: string;
  /** Milliseconds on the traffic's clock. */
  killedAt: number;
  /** When its readiness answered 200 again (the restart policy waits, then it starts and connects). */
  backAt: number;
  /** Sent-time of the first whole answer after the kill, less backAt. */
  recoveryMs: number;
  outage: ReturnType<typeof tally>;
  afterRecovery: ReturnType<typeof tally>;
  total: ReturnType<typeof tally>;
  gatewayRestarted: boolean;
}

export interface DatabaseRestartReport {
  /** Stopped as an operator would (SIGTERM), or killed (SIGKILL) as a power cut would. */
  how: "stopped" | "killed";
  downMs: number;
  readiness: ReadinessChange[];
  /** Every process's readiness red while the server was down, and green after. */
  allRedThenGreen: boolean;
  writes: { attempted: number; acknowledged: number; acknowledgedOnRetry: number; found: number; lost: string[]; duplicates: number };
  dashboard: ReturnType<typeof tally>;
  /** Processes that exited during the run (they were expected to reconnect on their own). */
  restarts: number;
}

export interface RedisLossReport {
  dashboard: ReturnType<typeof tally>;
  /** Anonymous requests over the per-address limit (40 a minute), with Redis up and then down. */
  limitWithRedis: { sent: number; refused429: number };
  limitWithoutRedis: { sent: number; refused429: number };
  afterRedisReturned: ReturnType<typeof tally>;
}

export interface FaultsReport {
  subgraphKill: SubgraphKillReport;
  databaseRestarts: DatabaseRestartReport[];
  redisLoss: RedisLossReport;
}

const between = (samples: readonly Sample[], from: number, to: number): Sample[] => samples.filter((sample) => sample.at >= from && sample.at < to);

async function subgraphKill(stack: ReliabilityStack, subgraph: string, log: (message: string) => void): Promise<SubgraphKillReport> {
  const victim = stack.graph.subgraphs.find((candidate) => candidate.name === subgraph);
  if (!victim) throw new Error(`no subgraph ${subgraph}`);
  const gatewayPid = stack.graph.gateway?.child.pid;
  const traffic = await startDashboardTraffic(stack, { concurrency: 6 });
  await until(() => traffic.samples.filter((sample) => sample.verdict === "whole").length >= 30, 30_000, "30 whole dashboards before the kill");
  const pid = victim.service.child.pid;
  const killedAt = traffic.elapsed();
  victim.service.child.kill("SIGKILL");
  log(`faults: killed ${subgraph} (pid ${pid})`);
  const readyUrl = stack.readyUrls[subgraph] as string;
  await until(async () => victim.service.child.pid !== pid && (await fetch(readyUrl).then((r) => r.ok, () => false)), 60_000, `${subgraph} back`);
  const backAt = traffic.elapsed();
  log(`faults: ${subgraph} ready again ${Math.round(backAt - killedAt)} ms after the kill`);
  const firstWhole = (): Sample | undefined => traffic.samples.find((sample) => sample.at > killedAt && sample.verdict === "whole");
  await until(() => firstWhole() !== undefined, 30_000, "a whole dashboard after the return");
  const recoveredAt = (firstWhole() as Sample).at;
  await until(() => traffic.elapsed() > recoveredAt + 3_000, 10_000, "3 s of traffic after the recovery");
  const samples = await traffic.stop();
  return {
    subgraph,
    killedAt: Math.round(killedAt),
    backAt: Math.round(backAt),
    recoveryMs: Math.round(recoveredAt - backAt),
    outage: tally(between(samples, killedAt, recoveredAt)),
    // Answers sent in the first second after the recovery may have met connections the restart cut.
    afterRecovery: tally(between(samples, recoveredAt + 1_000, Infinity)),
    total: tally(samples),
    gatewayRestarted: stack.graph.gateway?.child.pid !== gatewayPid,
  };
}

/** How long the database server stays down. */
const DATABASE_DOWN_MS = 5_000;

const FILE_PQRS = `mutation FileReliabilityPqrs($input: FilePqrsInput!) { filePqrs(input: $input) { number } }`;

async function databaseRestart(stack: ReliabilityStack, crash: boolean, log: (message: string) => void): Promise<DatabaseRestartReport> {
  const token = await stack.signer.sign(PERSONAS["member"]!, "2h");
  const exitsBefore = stack.exits.length;
  const readiness = watchReadiness(stack.readyUrls);
  const traffic = await startDashboardTraffic(stack, { concurrency: 2 });
  const run = `rel-${Date.now().toString(36)}`;
  const acknowledged = new Map<string, string>(); // idempotency key → number
  const unacknowledged = new Set<string>();
  let attempted = 0;
  let writing = true;
  const file = async (key: string): Promise<string | null> => {
    const input = { type: "PETICION", subject: `Prueba de confiabilidad ${key}`, description: "Petición de la prueba de reinicio de la base de datos.", idempotencyKey: key };
    try {
      const response = await fetch(stack.gatewayUrl, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: FILE_PQRS, variables: { input } }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await response.json()) as { data?: { filePqrs?: { number?: string } | null } | null; errors?: unknown[] };
      return !body.errors?.length && body.data?.filePqrs?.number ? body.data.filePqrs.number : null;
    } catch {
      return null;
    }
  };
  const writer = async (id: number): Promise<void> => {
    for (let i = 0; writing; i++) {
      const key = `${run}-${id}-${i}`;
      attempted += 1;
      const number = await file(key);
      if (number) acknowledged.set(key, number);
      else unacknowledged.add(key);
    }
  };
  const writers = Array.from({ length: 3 }, (_, id) => writer(id));
  await until(() => acknowledged.size >= 20, 30_000, "20 acknowledged filings before the stop");
  const stoppedAt = Date.now();
  await stack.stopDatabase(crash);
  log(`faults: database server ${crash ? "killed" : "stopped"}`);
  await until(() => Object.keys(stack.readyUrls).every((name) => readiness.state(name) === false || name === "gateway"), 30_000, "every subgraph unready");
  // Down long enough for writes to fail and their clients to give up on them, not only to wait.
  const failedBefore = unacknowledged.size;
  await until(() => Date.now() - stoppedAt >= DATABASE_DOWN_MS && unacknowledged.size > failedBefore, 60_000, `${DATABASE_DOWN_MS / 1_000} s down and a filing refused`);
  const startedAt = Date.now();
  await stack.startDatabase();
  log(`faults: database server started again after ${startedAt - stoppedAt} ms`);
  await until(() => Object.keys(stack.readyUrls).every((name) => readiness.state(name) === true), 60_000, "every process ready again");
  const ackedBeforeReturn = acknowledged.size;
  await until(() => acknowledged.size >= ackedBeforeReturn + 20, 30_000, "20 acknowledged filings after the return");
  writing = false;
  await Promise.all(writers);
  const dashboard = tally(await traffic.stop());
  const changes = readiness.stop();

  // A client whose filing got no answer files it again with the same key: it is filed once.
  let acknowledgedOnRetry = 0;
  for (const key of unacknowledged) {
    const number = await file(key);
    if (number) {
      acknowledged.set(key, number);
      acknowledgedOnRetry += 1;
    }
  }
  const pqrs = stack.client().db(`${stack.dbPrefix}pqrs`).collection<{ _id: string; subject: string }>("pqrs");
  // Found by the subject each filing carries (it names its key): the key itself has a unique index, so it
  // could never show a filing stored twice; the subject can.
  const stored = await pqrs.find({ subject: { $regex: `^Prueba de confiabilidad ${run}-` } }, { projection: { _id: 1, subject: 1 } }).toArray();
  const storedNumbers = new Set(stored.map((document) => document._id));
  const lost = [...acknowledged.values()].filter((number) => !storedNumbers.has(number));
  const subjects = stored.map((document) => document.subject);
  const names = Object.keys(stack.readyUrls);
  const wentRed = (name: string): boolean => changes.some((change) => change.name === name && !change.ready && change.at >= stoppedAt);
  const cameBack = (name: string): boolean => changes.some((change) => change.name === name && change.ready && change.at >= startedAt);
  return {
    how: crash ? "killed" : "stopped",
    downMs: startedAt - stoppedAt,
    readiness: changes.filter((change) => change.at >= stoppedAt).map((change) => ({ ...change, at: change.at - stoppedAt })),
    allRedThenGreen: names.filter((name) => name !== "gateway").every((name) => wentRed(name) && cameBack(name)),
    writes: { attempted, acknowledged: acknowledged.size, acknowledgedOnRetry, found: acknowledged.size - lost.length, lost, duplicates: subjects.length - new Set(subjects).size },
    dashboard,
    restarts: stack.exits.length - exitsBefore,
  };
}

async function redisLoss(stack: ReliabilityStack, log: (message: string) => void): Promise<RedisLossReport> {
  const manifest = JSON.parse(readFileSync(MANIFEST_PATH, "utf8")) as { operations: { id: string; name: string }[] };
  const contactUs = manifest.operations.find((operation) => operation.name === "ContactUs")?.id;
  // A gateway like the first, but for a low limit of anonymous requests per address (counted in Redis).
  const limited = await stack.startGateway("gateway-limits", { RATE_LIMIT_PER_IP: "40" });
  const burst = async (count: number): Promise<{ sent: number; refused429: number }> => {
    let refused429 = 0;
    for (let i = 0; i < count; i++) {
      const response = await fetch(limited.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: contactUs } }, variables: { municipalityCode: "76001" } }),
      });
      await response.arrayBuffer();
      if (response.status === 429) refused429 += 1;
    }
    return { sent: count, refused429 };
  };
  try {
    const limitWithRedis = await burst(50);
    const traffic = await startDashboardTraffic(stack, { concurrency: 4, url: limited.url });
    await until(() => traffic.samples.length >= 20, 30_000, "20 dashboards before Redis goes");
    await stack.redis.kill();
    const killedAt = traffic.elapsed();
    log("faults: Redis killed");
    const limitWithoutRedis = await burst(50);
    await until(() => traffic.elapsed() > killedAt + 5_000, 30_000, "5 s without Redis");
    await stack.redis.start();
    const returnedAt = traffic.elapsed();
    log("faults: Redis started again");
    await until(() => traffic.elapsed() > returnedAt + 4_000, 30_000, "4 s after Redis returned");
    const samples = await traffic.stop();
    return { dashboard: tally(samples), limitWithRedis, limitWithoutRedis, afterRedisReturned: tally(between(samples, returnedAt, Infinity)) };
  } finally {
    await limited.service.stop();
  }
}

export async function runFaults(stack: ReliabilityStack, options: { log: (message: string) => void }): Promise<FaultsReport> {
  const subgraphKillReport = await subgraphKill(stack, "authorizations", options.log);
  const databaseRestarts = [await databaseRestart(stack, false, options.log), await databaseRestart(stack, true, options.log)];
  const redisLossReport = await redisLoss(stack, options.log);
  return { subgraphKill: subgraphKillReport, databaseRestarts, redisLoss: redisLossReport };
}

// The hostile run: the databases hashed, the hostile requests sent through a pool of workers, each answer
// judged, the processes and the databases checked again.
import { PERSONAS } from "@sos/personas";
import { ROLES, type Viewer } from "@sos/kit";
import { readFileSync } from "node:fs";
import { IDENTITY_SUBGRAPH, jwksUrlAt } from "../../lib/registry.js";
import { MANIFEST_PATH } from "../../lib/supergraph.js";
import { compareSnapshots, snapshotData, verifyLedger, type DataComparison } from "../data-hash.js";
import { rssMiB } from "../../bench/compare/measure.js";
import type { ReliabilityStack } from "../stack.js";
import { hostileCases } from "./cases.js";
import { closeConnections, sendCase, type HostileCase, type Outcome } from "./send.js";

/** Statuses the HTTP layer answers with no GraphQL body: the status is the error's code. */
const HTTP_LEVEL_STATUSES = new Set([400, 404, 405, 408, 411, 413, 414, 415, 431, 505]);
const TIMEOUT_MS = 60_000;

export interface HostileReport {
  requests: number;
  seconds: number;
  /** Category → answers by kind ("400 BAD_REQUEST", "200 data", "closed"...). */
  byCategory: Record<string, { sent: number; answers: Record<string, number>; totalMs: number }>;
  /** What went wrong, by reason, with up to 3 examples each. */
  failures: Record<string, { count: number; examples: string[] }>;
  serverErrors: number;
  crashes: number;
  data: DataComparison;
  ledger: { chains: number; entries: number; broken: string[] };
  gatewayRssMiB: { before: number | null; after: number | null };
}

/** Why an answer is wrong, or null when it is right. */
function judge(c: HostileCase, outcome: Outcome): string | null {
  if (outcome.status !== null && outcome.status >= 500) return "5xx";
  if (outcome.uncoded > 0) return "an error without a code";
  if (outcome.status === null) {
    // A slow client the server hung up on is the defence working; anyone else deserved an answer.
    if (c.category === "slow client" && c.expect === "error" && outcome.ms < TIMEOUT_MS - 1_000) return null;
    // A body of megabytes: the server answers 413 after the first 100 KB and closes; the client, still
    // writing, may see the connection reset before it reads the 413. Not reading the rest is the defence.
    if (c.category === "huge body" && outcome.ms < TIMEOUT_MS - 1_000) return null;
    return outcome.ms >= TIMEOUT_MS - 1_000 ? "no answer within 60 s" : "connection closed without an answer";
  }
  if (!outcome.json && !HTTP_LEVEL_STATUSES.has(outcome.status)) return `a ${outcome.status} with no GraphQL body`;
  if (c.expect === "error" && outcome.data) return "accepted what must be refused";
  if (c.expectData && !(outcome.data && c.expectData(outcome.body))) return "not the caller's own record";
  return null;
}

const answerKey = (outcome: Outcome): string => {
  if (outcome.status === null) return "closed by the server";
  const codes = [...new Set(outcome.codes)].sort().join(",");
  return `${outcome.status} ${codes || (outcome.data ? "data" : outcome.json ? "no errors" : "HTTP")}`;
};

const describe = (c: HostileCase): string => {
  const wire = c.wire;
  const body = wire.kind === "http" ? String(wire.body ?? "") : wire.kind === "raw" ? wire.bytes.toString("latin1") : Buffer.concat(wire.chunks).toString("latin1");
  return `${c.category}: ${body.slice(0, 160).replace(/\s+/g, " ")}`;
};

export async function runHostile(stack: ReliabilityStack, options: { requests: number; concurrency: number; log: (message: string) => void }): Promise<HostileReport> {
  const ledgerDb = `${stack.dbPrefix}audit`;
  const tokens: Record<string, string> = {};
  for (const role of ROLES) {
    const persona = Object.values(PERSONAS).find((viewer) => viewer.role === role) ?? ({ subject: `user-${role.toLowerCase()}-0001`, role } as Viewer);
    tokens[role] = await stack.signer.sign(persona, "2h");
  }
  const manifest = JSON.parse(readFileSync(MANIFEST_PATH, "utf8")) as { operations: { id: string; name: string }[] };
  const trustedId = manifest.operations.find((operation) => operation.name === "MemberHome")?.id ?? "";
  const path = new URL(stack.gatewayUrl).pathname;
  const memberId = PERSONAS["member"]?.memberId ?? "";
  const cases = await hostileCases({ path, tokens, signer: stack.signer, forger: stack.forger, keys: stack.keys, trustedId, memberId }, options.requests, ROLES);

  // What a graph does once, on first use, before the data is hashed: the identity service makes its signing
  // key when its key set is first asked for (a forged token naming a key id makes the gateway ask).
  const identity = stack.graph.subgraphs.find((subgraph) => subgraph.name === IDENTITY_SUBGRAPH);
  if (identity) await fetch(jwksUrlAt(identity.url.replace(/\/graphql$/, "")));

  const gatewayPid = stack.graph.gateway?.child.pid;
  const pids = stack.graph.services.map((service) => service.child.pid);
  const exitsBefore = stack.exits.length;
  const before = await snapshotData(stack.client(), stack.dbPrefix, ledgerDb);
  const rssBefore = rssMiB(gatewayPid);
  options.log(`hostile: ${cases.length} requests, ${options.concurrency} at a time; ${before.collections.size} collections hashed`);

  const byCategory: HostileReport["byCategory"] = {};
  const failures: HostileReport["failures"] = {};
  let serverErrors = 0;
  let next = 0;
  let done = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const c = cases[next++] as HostileCase;
      const outcome = await sendCase(stack.gatewayUrl, c.wire, TIMEOUT_MS);
      const entry = (byCategory[c.category] ??= { sent: 0, answers: {}, totalMs: 0 });
      entry.sent += 1;
      entry.totalMs += outcome.ms;
      const key = answerKey(outcome);
      entry.answers[key] = (entry.answers[key] ?? 0) + 1;
      if (outcome.status !== null && outcome.status >= 500) serverErrors += 1;
      const reason = judge(c, outcome);
      if (reason) {
        const failure = (failures[reason] ??= { count: 0, examples: [] });
        failure.count += 1;
        if (failure.examples.length < 3) failure.examples.push(`${describe(c)} → ${key}`);
      }
      if (++done % 1_000 === 0) options.log(`hostile: ${done}/${cases.length}`);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1_000;
  closeConnections();

  // The access ledger is written in batches after the answers: let the last one land before hashing.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const after = await snapshotData(stack.client(), stack.dbPrefix, ledgerDb);
  const restarted = stack.graph.services.filter((service, i) => service.child.pid !== pids[i]).length;
  return {
    requests: cases.length,
    seconds: Math.round(seconds * 10) / 10,
    byCategory,
    failures,
    serverErrors,
    crashes: Math.max(stack.exits.length - exitsBefore, restarted),
    data: compareSnapshots(before, after),
    ledger: await verifyLedger(stack.uri(), stack.dbPrefix, ledgerDb),
    gatewayRssMiB: { before: rssBefore === null ? null : Math.round(rssBefore), after: rssMiB(gatewayPid) === null ? null : Math.round(rssMiB(gatewayPid) as number) },
  };
}

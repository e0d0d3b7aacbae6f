// Each run's checks (what must hold) and its section of RELIABILITY.md. A run of some parts (--only)
// replaces their sections and keeps the others, each with the command and the day that produced it.
import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../lib/paths.js";
import type { FaultsReport } from "./faults.js";
import type { HostileReport } from "./hostile/run.js";
import type { SoakReport } from "./soak.js";
import type { tally } from "./traffic.js";

export const RELIABILITY_PATH = join(REPO_ROOT, "RELIABILITY.md");

export interface Check {
  name: string;
  ok: boolean;
  /** What was found (shown when the check fails, and in the report). */
  detail: string;
}

export interface Rendered {
  markdown: string;
  checks: Check[];
}

const check = (name: string, ok: boolean, detail: string): Check => ({ name, ok, detail });
const checklist = (checks: Check[]): string => checks.map((c) => `- ${c.ok ? "✅" : "❌"} ${c.name}: ${c.detail}`).join("\n");
/** Whether every error in the answers that were not whole is UNAVAILABLE (a part down), with its path. */
const onlyUnavailable = (counts: ReturnType<typeof tally>): boolean => Object.keys(counts.details).every((detail) => /^UNAVAILABLE at (?!\(no path\))/.test(detail));
const details = (counts: ReturnType<typeof tally>): string =>
  Object.entries(counts.details)
    .sort((a, b) => b[1] - a[1])
    .map(([detail, count]) => `${count} × ${detail}`)
    .join("; ") || "none";

export function renderHostile(report: HostileReport): Rendered {
  const failures = Object.entries(report.failures);
  const answered = Object.values(report.byCategory).reduce((sum, entry) => sum + entry.sent, 0);
  const checks = [
    check("hostile requests sent and judged", answered === report.requests, `${answered} of ${report.requests} in ${report.seconds} s`),
    check("no 5xx", report.serverErrors === 0, `${report.serverErrors}`),
    check("no process crashed", report.crashes === 0, `${report.crashes} exits`),
    check("every answer a clear error with its code (or a right answer)", failures.length === 0, failures.map(([reason, f]) => `${f.count} × ${reason} (${f.examples.join(" | ")})`).join("; ") || "all"),
    check("databases unchanged (content hashes)", report.data.changed.length === 0, report.data.changed.join("; ") || `${report.data.collections} collections, ${report.data.documents} documents, same SHA-256`),
    check("access ledger intact", report.ledger.broken.length === 0, report.ledger.broken.join("; ") || `${report.ledger.chains} chains, ${report.ledger.entries} entries verified (${report.data.ledgerEntriesAdded} appended by the reads that were answered)`),
  ];
  const rows = Object.entries(report.byCategory)
    .sort((a, b) => b[1].sent - a[1].sent)
    .map(([category, entry]) => {
      const answers = Object.entries(entry.answers)
        .sort((a, b) => b[1] - a[1])
        .map(([key, count]) => `${key} ×${count}`)
        .join(", ");
      return `| ${category} | ${entry.sent} | ${Math.round(entry.totalMs / entry.sent)} | ${answers} |`;
    });
  const markdown = [
    `Gateway resident memory: ${report.gatewayRssMiB.before} MiB before, ${report.gatewayRssMiB.after} MiB after.`,
    "",
    checklist(checks),
    "",
    "| Kind | Sent | Mean ms | Answers (status and codes) |",
    "|---|---:|---:|---|",
    ...rows,
  ].join("\n");
  return { markdown, checks };
}

function databaseChecks(db: FaultsReport["databaseRestarts"][number]): Check[] {
  const name = (what: string) => `database ${db.how}: ${what}`;
  return [
    check(name("readiness red, then green"), db.allRedThenGreen, `down ${db.downMs} ms; ${db.readiness.map((c) => `${c.name} ${c.ready ? "green" : "red"} at +${c.at} ms`).join(", ")}`),
    check(name("services reconnected without a restart"), db.restarts === 0, `${db.restarts} restarts`),
    check(name("no acknowledged write lost"), db.writes.acknowledged > 0 && db.writes.lost.length === 0, `${db.writes.acknowledged} acknowledged (${db.writes.acknowledgedOnRetry} on a retry with the same key) of ${db.writes.attempted} attempts; ${db.writes.found} found${db.writes.lost.length ? `; lost: ${db.writes.lost.join(", ")}` : ""}`),
    check(name("no write applied twice"), db.writes.duplicates === 0, `${db.writes.duplicates} filings stored twice`),
    check(name("every error meanwhile coded UNAVAILABLE, never INTERNAL"), onlyUnavailable(db.dashboard), details(db.dashboard)),
  ];
}

export function renderFaults(report: FaultsReport): Rendered {
  const kill = report.subgraphKill;
  const redis = report.redisLoss;
  const checks = [
    check(`${kill.subgraph} killed: every dashboard answered`, kill.total.failed === 0, `${kill.total.requests} answers: ${kill.total.whole} whole, ${kill.total.partial} partial, ${kill.total.failed} failed`),
    check("during the outage: affiliation and directory shown, the error located", kill.outage.partial > 0 && kill.outage.failed === 0, `${kill.outage.partial} partial answers (${details(kill.outage)})`),
    check("recovered within seconds of the subgraph's return", kill.recoveryMs < 5_000 && kill.afterRecovery.partial + kill.afterRecovery.failed === 0, `first whole answer ${kill.recoveryMs} ms after its readiness; ${kill.afterRecovery.requests} whole answers after`),
    check("the gateway kept running", !kill.gatewayRestarted, kill.gatewayRestarted ? "restarted" : "same process"),
    check("every error during the outage coded UNAVAILABLE", onlyUnavailable(kill.total), details(kill.total)),
    ...report.databaseRestarts.flatMap(databaseChecks),
    check("Redis lost: nothing failed", redis.dashboard.failed === 0 && redis.afterRedisReturned.failed === 0, `${redis.dashboard.requests} dashboards, ${redis.dashboard.failed} failed (${details(redis.dashboard)})`),
    check("rate limits fell back to memory", redis.limitWithRedis.refused429 > 0 && redis.limitWithoutRedis.refused429 > 0, `over a limit of 40 a minute: ${redis.limitWithRedis.refused429}/${redis.limitWithRedis.sent} refused with Redis, ${redis.limitWithoutRedis.refused429}/${redis.limitWithoutRedis.sent} without`),
  ];
  const markdown = [
    `**Subgraph killed** (${kill.subgraph}, SIGKILL under 6 looping members; restarted by the policy): ready again ${kill.backAt - kill.killedAt} ms after the kill; during the outage ${details(kill.outage)}.`,
    "",
    ...report.databaseRestarts.flatMap((db) => [
      `**Database ${db.how}** (${db.how === "killed" ? "SIGKILL" : "SIGTERM"}, started again on the same port and data after ${db.downMs} ms, 3 members filing PQRS and 2 reading): dashboards meanwhile ${db.dashboard.whole} whole, ${db.dashboard.partial} partial, ${db.dashboard.failed} refused (${details(db.dashboard)}).`,
      "",
    ]),
    `**Redis lost** (killed for 5 s under a gateway whose limits count in it, then started again, empty).`,
    "",
    checklist(checks),
  ].join("\n");
  return { markdown, checks };
}

export function renderSoak(report: SoakReport, quick = false): Rendered {
  const checks = [
    check("no errors", report.answers.failed + report.answers.partial === 0, `${report.answers.requests} dashboards, ${report.answers.failed} failed, ${report.answers.partial} partial (${details(report.answers)})`),
    check("no process crashed", report.crashes === 0, `${report.crashes} exits`),
    // Judged on the long run only: in 45 s the growth is the JIT and the caches filling, not a leak.
    check("gateway memory flat (under 10 % growth after warm-up)", quick || report.gatewayRss.growthPercent < 10, `${quick ? "reported only, a short run: " : ""}resident ${report.gatewayRss.afterWarmup} → ${report.gatewayRss.end} MiB (${report.gatewayRss.growthPercent} %); V8 heap ${report.gatewayHeap.afterWarmup} → ${report.gatewayHeap.end} MiB (${report.gatewayHeap.growthPercent} %)`),
  ];
  const markdown = [
    `${report.rate} member dashboards a second for ${report.seconds} s; latency p50 ${report.latencyMs.p50} ms, p95 ${report.latencyMs.p95} ms, p99 ${report.latencyMs.p99} ms, max ${report.latencyMs.max} ms. Warm-up: the first ${report.warmupSeconds} s.`,
    "",
    checklist(checks),
    "",
    "| Second | Gateway resident MiB | Gateway V8 heap MiB | Subgraphs resident MiB (all) | Requests | Not whole | p95 ms |",
    "|---:|---:|---:|---:|---:|---:|---:|",
    ...report.curve.map((row) => `| ${row.second} | ${row.gatewayRssMiB ?? "–"} | ${row.gatewayHeapMiB ?? "–"} | ${row.subgraphsRssMiB} | ${row.requests} | ${row.failed} | ${row.p95Ms} |`),
  ].join("\n");
  return { markdown, checks };
}

const TITLES = { hostile: "Hostile input", faults: "Faults", soak: "Soak" } as const;
const HEADER = `# Reliability

What \`npm run reliability\` found the last time each part ran (scripts/reliability/README.md says how it
works). Each part is written by the run that produced it, with its command; run it again to reproduce it.
\`npm test\` runs the short version (\`--quick\`: 1,500 hostile requests, the same faults, a 45 s soak) on
every change, beside two kinds of tests that belong to the same promise:

- races, each run many times on fresh state (e2e/test/races.e2e.test.ts): agents deciding one
  authorization, duplicate and conflicting bank callbacks, concurrent invoice runs, concurrent clinic
  changes, concurrent beneficiary additions — each ends in one consistent result;
- properties (fast-check) of every argument validator, the business-day deadlines and the Colombian
  holidays, the incapacity settlement and the PAC liquidation and invoice rules
  (services/kit/test/*properties*, services/incapacities/test/settlement.properties.test.ts,
  services/billing-pac/test/liquidation.properties.test.ts).
`;

export async function writeReliability(sections: Partial<Record<keyof typeof TITLES, string>>, run: { command: string; settings: Record<string, unknown> }): Promise<void> {
  const previous = existsSync(RELIABILITY_PATH) ? readFileSync(RELIABILITY_PATH, "utf8") : "";
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? "CPU"}, Node ${process.version}`;
  const parts = (Object.keys(TITLES) as (keyof typeof TITLES)[]).map((part) => {
    const marker = (end: boolean) => `<!-- reliability:${part}${end ? ":end" : ""} -->`;
    const body = sections[part];
    if (body === undefined) {
      const kept = new RegExp(`${marker(false)}[\\s\\S]*?${marker(true)}`).exec(previous)?.[0];
      return kept ?? `${marker(false)}\n## ${TITLES[part]}\n\nNot run yet: \`npm run reliability -- --only ${part}\`.\n${marker(true)}`;
    }
    const day = new Date().toISOString().slice(0, 10);
    return `${marker(false)}\n## ${TITLES[part]}\n\n\`${run.command}\` on ${day} (${machine}).\n\n${body}\n${marker(true)}`;
  });
  await writeFile(RELIABILITY_PATH, `${HEADER}\n${parts.join("\n\n")}\n`);
}

// npm run bench:limits [-- --requests 300]: how long the gateway takes to refuse hostile operations.
// A gateway in this process, with its default limits, in front of a stand-in subgraph that only counts
// the calls it gets (it must get none); every request goes to 127.0.0.1, one at a time, and the run
// stops by itself. Gateway time is measured inside the server: from the request's arrival to the last
// byte of the response. Writes results/<date>-limits.json and prints a table.
import { createLogger, generateKeyPairPem, createTokenSigner } from "@sos/kit";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../../gateway/src/config.js";
import { createGateway } from "../../gateway/src/server.js";
import { REPO_ROOT } from "../lib/paths.js";
import { percentile } from "./load.js";

const { values } = parseArgs({ options: { requests: { type: "string", default: "300" } } });
const requests = Math.min(Math.max(Number(values.requests) || 300, 10), 5_000);

function nested(levels: number): string {
  let selection = "id";
  for (let level = 0; level < levels; level++) selection = `familyGroup { beneficiaries { ${selection} } }`;
  return `{ me { ${selection} } }`;
}

const ATTACKS: { key: string; title: string; query: string }[] = [
  { key: "alias500", title: "500 aliases (`a0: me { id } …`)", query: `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: me { id }`).join(" ")} }` },
  { key: "deep50", title: "50 levels deep (`familyGroup { beneficiaries { … } }` × 25)", query: nested(25) },
  { key: "crash40", title: "the 40-level query that crashed the subgraph", query: nested(40) },
  { key: "alias20", title: "20 aliases, under the token limit", query: `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: me { id }`).join(" ")} }` },
];

let subgraphCalls = 0;
const subgraph = createServer((_req, res) => {
  subgraphCalls++;
  res.writeHead(500).end();
});
await new Promise<void>((resolve) => subgraph.listen(0, "127.0.0.1", resolve));
const subgraphUrl = `http://127.0.0.1:${(subgraph.address() as AddressInfo).port}/graphql`;

const { privateKeyPem, publicKeyPem } = await generateKeyPairPem();
const token = await (await createTokenSigner(privateKeyPem)).sign({ subject: "bench-member", role: "MEMBER", memberId: "a".repeat(24) });
const config = await loadConfig({ JWT_PUBLIC_KEY: publicKeyPem, SUBGRAPH_AFFILIATION_URL: subgraphUrl, RATE_LIMIT_PER_USER: "100000000" });
const gateway = await createGateway({ ...config, logger: createLogger("bench", "silent") });
const running = await gateway.listen(0, "127.0.0.1");

const durations: number[] = [];
running.server.on("request", (_req, res) => {
  const started = process.hrtime.bigint();
  res.once("finish", () => durations.push(Number(process.hrtime.bigint() - started) / 1e6));
});

const results = [];
try {
  for (const attack of ATTACKS) {
    const body = JSON.stringify({ query: attack.query });
    const codes = new Set<string>();
    durations.length = 0;
    const cpuBefore = process.cpuUsage();
    for (let i = 0; i < requests; i++) {
      const response = await fetch(running.url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/graphql-response+json", authorization: `Bearer ${token}` },
        body,
      });
      const parsed = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      codes.add(`${response.status} ${parsed.errors?.[0]?.extensions?.code ?? "ok"}`);
    }
    const cpu = process.cpuUsage(cpuBefore);
    const sorted = [...durations].sort((a, b) => a - b);
    const round = (ms: number) => Math.round(ms * 100) / 100;
    results.push({
      key: attack.key,
      title: attack.title,
      bytes: body.length,
      requests,
      answers: [...codes],
      gatewayMs: { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted.at(-1) ?? 0) },
      processCpuMsPerRequest: round((cpu.user + cpu.system) / 1000 / requests),
    });
  }
} finally {
  await running.close();
  await gateway.close();
  subgraph.close();
}

const lines = [
  `| Operation | Bytes | Answer | Gateway ms p50 | p95 | max | CPU ms/req (gateway + client) |`,
  `|---|--:|---|--:|--:|--:|--:|`,
  ...results.map((r) => `| ${r.title} | ${r.bytes} | ${r.answers.join(", ")} | ${r.gatewayMs.p50} | ${r.gatewayMs.p95} | ${r.gatewayMs.max} | ${r.processCpuMsPerRequest} |`),
];
console.log(`\n${lines.join("\n")}\n\nCalls that reached the subgraph: ${subgraphCalls}\n`);
const date = new Date().toISOString().slice(0, 10);
const dir = join(REPO_ROOT, "scripts/bench/results");
await mkdir(dir, { recursive: true });
const file = join(dir, `${date}-limits.json`);
await writeFile(file, JSON.stringify({ date, node: process.version, requests, subgraphCalls, results }, null, 2) + "\n");
console.log(`Wrote ${file}`);
if (subgraphCalls > 0) process.exitCode = 1;

// SIGTERM under load: each process reports not ready, stops accepting, answers every request it had
// begun, closes its database and exits 0. Run as real processes (a subgraph and the gateway), as
// Kubernetes or docker-compose stop them (docs/operations.md, "Shutdown").
import { TEST_GATEWAY_SECRET, testDatabaseName, testMongoUri } from "@sos/kit/testing";
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { Agent, request, type ClientRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { urlVariable } from "../../scripts/lib/registry.js";
import { REPO_ROOT } from "../../scripts/lib/paths.js";
import { freePort, startStack, type Stack } from "./stack.js";

const QUERY = JSON.stringify({ query: "query Faq { faq { id question } }" });
/** Long enough to see the process report not ready while it still answers. */
const DELAY_MS = 400;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ members: 30 });
});
afterAll(async () => {
  await stack?.close();
});

/** A service run as `npm start` runs it, its JSON log lines collected. */
interface Process {
  child: ChildProcess;
  base: string;
  /** Request ids the process logged as answered. */
  answered: Set<string>;
  exited: Promise<number | null>;
}

async function launch(entry: string, env: Record<string, string>): Promise<Process> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--conditions=development", "--import", "tsx", entry], {
    cwd: REPO_ROOT,
    // NODE_ENV as a deployment has it (vitest's "test" would hide what Apollo does on a signal outside tests).
    env: { ...process.env, NODE_ENV: "development", ...env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "info", SHUTDOWN_DELAY_MS: String(DELAY_MS), SHUTDOWN_GRACE_MS: "8000" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const answered = new Set<string>();
  let pending = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    const lines = (pending + chunk.toString("utf8")).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      const parsed = JSON.parse(line) as { msg?: string; requestId?: string };
      if (parsed.msg === "graphql request" && parsed.requestId) answered.add(parsed.requestId);
    }
  });
  // 'close', not 'exit': the last log lines are read by then.
  const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    const ready = await fetch(`${base}/health/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (tries > 240 || child.exitCode !== null) throw new Error(`${entry} did not become ready`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { child, base, answered, exited };
}

type Outcome = { id: string; status: number | null; error: string | null; data: boolean };

/** One POST /graphql; the connection refused or cut before an answer is an error, never a throw. */
function post(base: string, agent: Agent, headers: Record<string, string>, body: string | null, started?: (req: ClientRequest) => void): Promise<Outcome> {
  const id = randomUUID();
  return new Promise((resolve) => {
    const req = request(`${base}/graphql`, { method: "POST", agent, headers: { "content-type": "application/json", "x-request-id": id, ...headers } }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
      res.on("end", () => resolve({ id, status: res.statusCode ?? null, error: null, data: text.includes('"faq":[{') }));
      res.on("error", (error) => resolve({ id, status: res.statusCode ?? null, error: error.message, data: false }));
    });
    req.on("error", (error: NodeJS.ErrnoException) => resolve({ id, status: null, error: error.code ?? error.message, data: false }));
    if (started) started(req);
    if (body !== null) req.end(body);
  });
}

/**
 * Load from 8 keep-alive clients until the process stops listening; and 4 requests caught mid-way (their
 * headers sent and acknowledged with 100 Continue, their bodies not yet) when SIGTERM arrives.
 */
async function stopUnderLoad(service: Process, headers: Record<string, string>) {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const outcomes: Outcome[] = [];
  let stopped = false;
  const loops = Array.from({ length: 8 }, async () => {
    while (!stopped) {
      const outcome = await post(service.base, agent, headers, QUERY);
      outcomes.push(outcome);
      if (outcome.error === "ECONNREFUSED") stopped = true;
    }
  });
  // Load first, then four requests whose bodies wait.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const held: ClientRequest[] = [];
  const heldOutcomes = Promise.all(
    Array.from({ length: 4 }, () =>
      post(service.base, new Agent({ keepAlive: false }), { ...headers, expect: "100-continue", "content-length": String(Buffer.byteLength(QUERY)) }, null, (req) => {
        held.push(req);
      }),
    ),
  );
  await Promise.all(held.map((req) => new Promise((resolve) => req.once("continue", resolve))));
  service.child.kill("SIGTERM");
  // While the delay runs, it still answers but reports not ready.
  await new Promise((resolve) => setTimeout(resolve, DELAY_MS / 4));
  const readiness = await fetch(`${service.base}/health/ready`);
  // Then it stops listening; the held requests send their bodies only now.
  await new Promise((resolve) => setTimeout(resolve, DELAY_MS));
  for (const req of held) req.end(QUERY);
  const caught = await heldOutcomes;
  await Promise.all(loops);
  agent.destroy();
  return { readiness: readiness.status, caught, outcomes, code: await service.exited };
}

/** Every request the process began was answered with its data; the rest were refused at the door. */
function expectNothingLost(service: Process, result: Awaited<ReturnType<typeof stopUnderLoad>>) {
  expect(result.code).toBe(0);
  expect(result.readiness).toBe(503);
  for (const held of result.caught) expect(held).toMatchObject({ status: 200, data: true });
  const answered = result.outcomes.filter((outcome) => outcome.status === 200 && outcome.data);
  const failed = result.outcomes.filter((outcome) => !(outcome.status === 200 && outcome.data));
  expect(answered.length).toBeGreaterThan(20);
  // No error answers; what failed never reached a handler (refused or reset at connect).
  expect(failed.filter((outcome) => outcome.status !== null)).toEqual([]);
  expect(failed.filter((outcome) => service.answered.has(outcome.id))).toEqual([]);
  for (const outcome of answered) expect(service.answered.has(outcome.id)).toBe(true);
}

describe("SIGTERM under load", () => {
  it("a subgraph answers every request it had begun, then exits 0", async () => {
    const databases = [testDatabaseName("directory_shutdown"), testDatabaseName("ledger_shutdown")];
    const service = await launch("services/directory/src/index.ts", {
      MONGODB_URI: testMongoUri(),
      MONGODB_DB: databases[0]!,
      LEDGER_DB: databases[1]!,
      JWT_PUBLIC_KEY: stack.publicKeyPem,
      GATEWAY_SECRETS: TEST_GATEWAY_SECRET,
    });
    expectNothingLost(service, await stopUnderLoad(service, { "x-gateway-secret": TEST_GATEWAY_SECRET }));
    for (const name of databases) await stack.connection.useDb(name).dropDatabase();
  }, 120_000);

  it("the gateway answers every request it had begun, then exits 0", async () => {
    const service = await launch("gateway/src/index.ts", {
      JWT_PUBLIC_KEY: stack.publicKeyPem,
      GATEWAY_SECRET: TEST_GATEWAY_SECRET,
      RATE_LIMIT_PER_IP: "1000000",
      ...Object.fromEntries(Object.values(stack.subgraphs).map(({ name, url }) => [urlVariable(name), url])),
    });
    expectNothingLost(service, await stopUnderLoad(service, {}));
  }, 120_000);
});

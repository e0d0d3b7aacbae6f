// What whoever runs the graph sees of it: Prometheus metrics on every process, one OpenTelemetry trace
// from the gateway through the subgraphs to each database command, and JSON logs that carry the request
// id, operation, role and trace id but none of the personal data a request carried (docs/operations.md).
import { PERSONAS, PERSONA_FAMILY_IDS, SEED_IPS } from "@sos/personas";
import { createLogger, startTracing, type Tracing } from "@sos/kit";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MANIFEST_PATH } from "../../scripts/lib/supergraph.js";
import { startStack, type Stack } from "./stack.js";

/** A collector as the OTLP/HTTP exporter talks to: it keeps every span it is sent. */
interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: Record<string, unknown> }[];
}
const collected: { raw: string[]; spans: ExportedSpan[] } = { raw: [], spans: [] };
let collector: Server;
let tracing: Tracing;
const logLines: string[] = [];
let stack: Stack;

beforeAll(async () => {
  collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      collected.raw.push(body);
      const parsed = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: ExportedSpan[] }[] }[] };
      for (const resource of parsed.resourceSpans) for (const scope of resource.scopeSpans) collected.spans.push(...scope.spans);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
  tracing = startTracing("e2e", { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}` });
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  stack = await startStack({ logger: createLogger("e2e", "info", sink) });
});
afterAll(async () => {
  await stack?.close();
  await tracing?.shutdown();
  collector?.close();
});

const metricsOf = async (base: string): Promise<string> => (await fetch(`${base}/metrics`)).text();

/** The value of the sample of `name` whose labels include `labels` (a label value may be a pattern); null when none. */
function sample(text: string, name: string, labels: Record<string, string | RegExp>): number | null {
  for (const line of text.split("\n")) {
    const match = /^([a-z_]+)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((pair) => [pair[1], pair[2]]));
    const fits = Object.entries(labels).every(([key, want]) => (typeof want === "string" ? found[key] === want : want.test(found[key] ?? "")));
    if (fits) return Number(match[3]);
  }
  return null;
}
const subgraphBase = (name: string) => stack.subgraphs[name]!.url.replace(/\/graphql$/, "");

describe("metrics", () => {
  it("show the gateway's requests, its subgraph fetches and its query-plan cache after a query", async () => {
    // Every trusted document is planned once the gateway listens, before its first request.
    const warmed = await stack.plansWarmed();
    expect(warmed).toMatchObject({ failed: 0 });
    expect(warmed?.planned).toBe((JSON.parse(readFileSync(MANIFEST_PATH, "utf8")) as { operations: unknown[] }).operations.length);
    for (let i = 0; i < 2; i++) {
      const result = await stack.persisted("MemberHome", { viewer: PERSONAS["member"] });
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    }
    const refused = await stack.query(`query OtherFamily($id: ID!) { member(id: $id) { id } }`, { viewer: PERSONAS["member"], variables: { id: PERSONA_FAMILY_IDS.otherMember } });
    expect(refused.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");
    const text = await metricsOf(stack.gatewayBase);
    const gateway = { service: "gateway" };
    expect(sample(text, "sos_graphql_request_duration_seconds_count", { ...gateway, operation: "MemberHome" })).toBe(2);
    expect(sample(text, "sos_graphql_request_duration_seconds_bucket", { ...gateway, operation: "MemberHome", le: "+Inf" })).toBe(2);
    expect(sample(text, "sos_graphql_requests_total", { ...gateway, operation: "MemberHome", outcome: "ok" })).toBe(2);
    expect(sample(text, "sos_graphql_requests_total", { ...gateway, operation: "OtherFamily", outcome: "error" })).toBe(1);
    expect(sample(text, "sos_graphql_errors_total", { ...gateway, operation: "OtherFamily", code: "FORBIDDEN" })).toBe(1);
    // MemberHome asks affiliation and directory (the primary IPS): each call timed.
    expect(sample(text, "sos_gateway_subgraph_fetch_duration_seconds_count", { ...gateway, subgraph: "affiliation", outcome: "ok" })).toBeGreaterThanOrEqual(3);
    expect(sample(text, "sos_gateway_subgraph_fetch_duration_seconds_bucket", { ...gateway, subgraph: "directory", outcome: "ok", le: "+Inf" })).toBeGreaterThanOrEqual(2);
    // MemberHome, a trusted document, was planned ahead: two hits. The ad-hoc OtherFamily was planned at its request: one miss.
    expect(sample(text, "sos_gateway_query_plan_cache_total", { ...gateway, result: "hit" })).toBe(2);
    expect(sample(text, "sos_gateway_query_plan_cache_total", { ...gateway, result: "miss" })).toBe(1);
    // The process: memory and event-loop lag.
    expect(text).toMatch(/sos_process_resident_memory_bytes \d+/);
    expect(text).toMatch(/sos_nodejs_eventloop_lag_p99_seconds \d/);
  });

  it("show each subgraph's requests, database commands, pool and DataLoader batches", async () => {
    const text = await metricsOf(subgraphBase("affiliation"));
    expect(sample(text, "sos_graphql_requests_total", { service: "affiliation", operation: /^MemberHome__affiliation__/, outcome: "ok" })).toBeGreaterThanOrEqual(2);
    expect(sample(text, "sos_graphql_request_duration_seconds_count", { service: "affiliation", operation: /^MemberHome__affiliation__/ })).toBeGreaterThanOrEqual(2);
    expect(sample(text, "sos_mongodb_command_duration_seconds_count", { database: /^test_affiliation_/, command: "find", outcome: "ok" })).toBeGreaterThan(0);
    expect(sample(text, "sos_mongodb_pool_connections", { database: /^test_affiliation_/, state: "open" })).toBeGreaterThan(0);
    expect(sample(text, "sos_mongodb_pool_connections", { database: /^test_affiliation_/, state: "in_use" })).toBe(0);
    expect(sample(text, "sos_dataloader_batch_size_count", { loader: "memberById" })).toBeGreaterThan(0);
  });

  it("answer only callers on this machine or with the token", async () => {
    const response = await fetch(`${subgraphBase("directory")}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
  });
});

describe("health", () => {
  it("reports the gateway ready with every subgraph reachable, and each subgraph's database", async () => {
    const gateway = await fetch(`${stack.gatewayBase}/health/ready`);
    expect(gateway.status).toBe(200);
    const body = (await gateway.json()) as { subgraphs: { name: string; reachable: boolean }[] };
    expect(body.subgraphs.length).toBe(Object.keys(stack.subgraphs).length);
    expect(body.subgraphs.every((subgraph) => subgraph.reachable)).toBe(true);
    expect(sample(await metricsOf(stack.gatewayBase), "sos_gateway_subgraph_up", { service: "gateway", subgraph: "affiliation" })).toBe(1);
    const subgraph = await fetch(`${subgraphBase("pqrs")}/health/ready`);
    expect(await subgraph.json()).toEqual({ status: "ok", database: "connected" });
    expect((await fetch(`${subgraphBase("pqrs")}/health/live`)).status).toBe(200);
  });
});

describe("a request full of personal data", () => {
  // A client's own trace id, which the gateway must not adopt (a client would choose its sampling).
  const clientTraceId = randomBytes(16).toString("hex");
  const traceparent = `00-${clientTraceId}-${randomBytes(8).toString("hex")}-01`;
  const run = randomBytes(4).toString("hex");
  const requestIds = ["find", "file", "bad"].map((name) => `obs-${run}-${name}`);
  /** The traces the gateway started for this describe's requests, found by the request id on its span. */
  const traceIds = () =>
    new Set(
      collected.spans
        .filter((span) => span.name === "POST /graphql" && span.attributes?.some(({ key, value }) => key === "sos.request_id" && requestIds.includes(String(Object.values(value)[0]))))
        .map((span) => span.traceId),
    );
  const diagnosis = "J459";
  const professional = { name: "Rigoberto Uribe Salcedo", documentNumber: "16789012", specialty: "Neumología" };
  let documentNumber = "";

  beforeAll(async () => {
    const member = await stack.connection.collection("members").findOne({ _id: PERSONA_FAMILY_IDS.member as never });
    documentNumber = String(member?.["documentNumber"]);
    // An agent looks a member up by document (in the query's text and in its variables) with a stated purpose...
    const lookup = await stack.query(`query FindMember($n: String!) { memberByDocument(documentType: CC, documentNumber: $n) { id fullName } again: memberByDocument(documentType: CC, documentNumber: "${documentNumber}") { id } }`, {
      viewer: PERSONAS["agent"],
      variables: { n: documentNumber },
      headers: { "x-access-purpose": `Llamada del afiliado ${documentNumber}`, traceparent, "x-request-id": requestIds[0]! },
    });
    expect(lookup.errors, JSON.stringify(lookup.errors)).toBeUndefined();
    // ...and a clinic files an authorization with a diagnosis, then one the subgraph refuses, quoting the input.
    const input = { memberId: PERSONA_FAMILY_IDS.member, requestingIpsCode: SEED_IPS.personaPrimary, professional, diagnoses: [{ code: diagnosis }], items: [{ cupsCode: "890228", quantity: 1 }], setting: "AMBULATORIO", origin: "COMUN" };
    const filed = await stack.persisted("RequestAuthorization", {
      viewer: PERSONAS["ips"],
      variables: { input },
      headers: { traceparent, "x-request-id": requestIds[1]! },
    });
    expect(filed.errors, JSON.stringify(filed.errors)).toBeUndefined();
    const bad = await stack.persisted("RequestAuthorization", {
      viewer: PERSONAS["ips"],
      variables: { input: { ...input, diagnoses: [{ code: `${diagnosis}ZZ` }], professional: { ...professional, documentNumber: `x${documentNumber}` } } },
      headers: { traceparent, "x-request-id": requestIds[2]! },
    });
    expect(bad.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    await tracing.flush();
  });

  it("follows it in one trace from the gateway through the subgraphs to each database command", () => {
    const traces = traceIds();
    expect(traces.size).toBe(3);
    expect(traces.has(clientTraceId)).toBe(false);
    expect(collected.spans.some((span) => span.traceId === clientTraceId)).toBe(false);
    const spans = collected.spans.filter((span) => traces.has(span.traceId));
    const names = spans.map((span) => span.name);
    const servers = spans.filter((span) => span.name === "POST /graphql");
    // The gateway's span for each request, and the subgraphs' under its fetches.
    expect(servers.length).toBeGreaterThanOrEqual(6);
    expect(names).toContain("gateway.request");
    expect(names).toContain("gateway.fetch");
    expect(names).toContain("mongodb.find");
    expect(names).toContain("mongodb.insert");
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const find = spans.find((span) => span.name === "mongodb.find")!;
    const ancestry: string[] = [];
    for (let span: ExportedSpan | undefined = find; span; span = span.parentSpanId ? byId.get(span.parentSpanId) : undefined) ancestry.push(span.name);
    expect(ancestry.slice(0, 2)).toEqual(["mongodb.find", "POST /graphql"]);
    expect(ancestry).toContain("gateway.fetch");
    const attributes = Object.fromEntries(servers.flatMap((span) => span.attributes ?? []).map(({ key, value }) => [key, Object.values(value)[0]]));
    expect(attributes["graphql.operation.name"]).toBeTruthy();
    expect(attributes["sos.viewer.role"]).toBeTruthy();
  });

  it("leaves no document number, diagnosis or name in any span", () => {
    const everything = collected.raw.join("\n");
    for (const secret of [documentNumber, professional.documentNumber, diagnosis, professional.name, "Rigoberto"]) expect(everything).not.toContain(secret);
  });

  it("leaves none in any log line, which carry the request id, operation, role and trace id", () => {
    expect(logLines.length).toBeGreaterThan(10);
    for (const secret of [documentNumber, professional.documentNumber, diagnosis, professional.name, "Rigoberto"]) {
      expect(logLines.filter((line) => line.includes(secret))).toEqual([]);
    }
    const requestLines = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line["msg"] === "graphql request" && traceIds().has(String(line["trace_id"])));
    expect(requestLines.map((line) => line["operation"])).toEqual(expect.arrayContaining(["FindMember", "RequestAuthorization"]));
    for (const line of requestLines) {
      expect(line["requestId"]).toEqual(expect.any(String));
      expect(line["role"]).toEqual(expect.any(String));
      expect(line["span_id"]).toEqual(expect.any(String));
    }
  });
});

describe("a subgraph that stops", () => {
  it("leaves the gateway ready but degraded, and counted down in its metrics", async () => {
    await stack.subgraphs["pqrs"]!.stop();
    const ready = await fetch(`${stack.gatewayBase}/health/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { status: string; subgraphs: { name: string; reachable: boolean }[] };
    expect(body.status).toBe("degraded");
    expect(body.subgraphs.filter((subgraph) => !subgraph.reachable).map((subgraph) => subgraph.name)).toEqual(["pqrs"]);
    expect(sample(await metricsOf(stack.gatewayBase), "sos_gateway_subgraph_up", { service: "gateway", subgraph: "pqrs" })).toBe(0);
  });

  it("still answers the member dashboard: her affiliation and clinic, and its own part UNAVAILABLE at its path", async () => {
    const result = await stack.query<{ me: { fullName: string; primaryIps: { habilitationCode: string } | null; pqrs: unknown; incapacities: { totalCount: number } | null } }>(
      // Through a named fragment, as generated clients write it: the planner reuses it in the fetch to pqrs.
      `{ me { ...Home } } fragment Home on Member { fullName primaryIps { habilitationCode } pqrs(first: 5) { totalCount } incapacities(first: 5) { totalCount } }`,
      { viewer: PERSONAS["member"] },
    );
    expect(result.data?.me).toMatchObject({ fullName: expect.any(String), primaryIps: { habilitationCode: SEED_IPS.personaPrimary }, pqrs: null, incapacities: { totalCount: expect.any(Number) } });
    expect(result.errors).toEqual([expect.objectContaining({ path: ["me", "pqrs"], extensions: expect.objectContaining({ code: "UNAVAILABLE" }) })]);
    expect(JSON.stringify(result.errors)).not.toMatch(/pqrs subgraph|127\.0\.0\.1|serviceName/i);
  });
});

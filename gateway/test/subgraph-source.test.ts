import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatewayContext } from "../src/context.js";
import { createMetrics } from "../src/metrics.js";
import { SubgraphDataSource } from "../src/subgraph-source.js";
import { UNAVAILABLE_MESSAGE } from "../src/unavailable.js";

// A real HTTP server plays the subgraph: each test says how it answers; what the gateway sent is kept.
type Answer = (req: IncomingMessage, body: string, res: ServerResponse) => void;
let answer: Answer = (_req, _body, res) => res.end();
const received: { headers: IncomingMessage["headers"]; body: string }[] = [];
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      answer(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const json = (status: number, body: unknown): Answer => (_req, _body, res) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

function call(source: SubgraphDataSource, forwarded: Record<string, string> = {}) {
  const options = {
    kind: "INCOMING_OPERATION",
    request: { query: "query Me__affiliation__0 { me { id } }", variables: { a: 1 }, operationName: "Me__affiliation__0" },
    context: { viewer: null, requestId: "r-1", forwarded },
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
  return source.process(options);
}

/** The value of the sample of `name` whose labels include `labels`, whatever their order; null when none. */
async function counted(metrics: ReturnType<typeof createMetrics>, name: string, labels: Record<string, string>): Promise<number | null> {
  for (const line of (await metrics.registry.metrics()).split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return null;
}

describe("the gateway's call to a subgraph", () => {
  it("sends the operation, the caller's forwarded headers and the secret in one POST, and returns the answer", async () => {
    const metrics = createMetrics();
    answer = json(200, { data: { me: { id: "1" } } });
    const response = await call(new SubgraphDataSource("affiliation", url, 2_000, metrics), { authorization: "Bearer t", "x-gateway-secret": "s" });
    expect(response).toEqual({ data: { me: { id: "1" } } });
    const sent = received.at(-1);
    expect(sent?.headers["authorization"]).toBe("Bearer t");
    expect(sent?.headers["x-gateway-secret"]).toBe("s");
    expect(sent?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(sent?.body ?? "{}")).toEqual({ query: "query Me__affiliation__0 { me { id } }", variables: { a: 1 }, operationName: "Me__affiliation__0" });
    expect(await counted(metrics, "sos_gateway_subgraph_fetch_duration_seconds_count", { subgraph: "affiliation", outcome: "ok" })).toBe(1);
  });

  it("keeps connections open: five calls in a row open at most one", async () => {
    answer = json(200, { data: { me: null } });
    let opened = 0;
    const count = () => void (opened += 1);
    server.on("connection", count);
    const source = new SubgraphDataSource("affiliation", url, 2_000, createMetrics());
    for (let i = 0; i < 5; i += 1) await call(source);
    server.off("connection", count);
    expect(opened).toBeLessThanOrEqual(1);
  });

  it("passes a 400's GraphQL error on with its message and code", async () => {
    answer = json(400, { errors: [{ message: "«first» no puede pasar de 100.", extensions: { code: "BAD_USER_INPUT" } }] });
    await expect(call(new SubgraphDataSource("affiliation", url, 2_000, createMetrics()))).rejects.toMatchObject({ message: "«first» no puede pasar de 100.", extensions: { code: "BAD_USER_INPUT" } });
  });

  it("answers SUBGRAPH_REFUSED for any other 4xx (a secret that does not match), counted as an HTTP error", async () => {
    const metrics = createMetrics();
    answer = json(403, { errors: [{ message: "secret", extensions: { code: "FORBIDDEN" } }] });
    await expect(call(new SubgraphDataSource("pqrs", url, 2_000, metrics))).rejects.toMatchObject({ message: "subgraph answered HTTP 403", extensions: { code: "SUBGRAPH_REFUSED" } });
    expect(await counted(metrics, "sos_gateway_subgraph_fetch_duration_seconds_count", { subgraph: "pqrs", outcome: "http_error" })).toBe(1);
  });

  it("keeps a 500 an internal error, with its status", async () => {
    answer = (_req, _body, res) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end("boom");
    };
    await expect(call(new SubgraphDataSource("pqrs", url, 2_000, createMetrics()))).rejects.toMatchObject({ message: "500: Internal Server Error", extensions: { response: { status: 500, body: "boom" } } });
  });

  it("answers a 502, 503 or 504 as the fields it would have filled, each UNAVAILABLE at its path", async () => {
    for (const status of [502, 503, 504]) {
      answer = (_req, _body, res) => {
        res.writeHead(status, { "content-type": "text/plain" });
        res.end("not now");
      };
      expect(await call(new SubgraphDataSource("pqrs", url, 2_000, createMetrics()))).toEqual({ errors: [{ message: UNAVAILABLE_MESSAGE, path: ["me"], extensions: { code: "UNAVAILABLE" } }] });
    }
  });

  it("locates an entity fetch's UNAVAILABLE errors at each entity's fields, through aliases and fragments", async () => {
    answer = (_req, _body, res) => {
      res.writeHead(503);
      res.end();
    };
    const query = "query D__authorizations__1($representations: [_Any!]!) { _entities(representations: $representations) { __typename ... on Member { authorizations(first: 5) { totalCount } open: pendingDeliveries { totalCount } } } }";
    const response = await new SubgraphDataSource("authorizations", url, 2_000, createMetrics()).process({
      kind: "INCOMING_OPERATION",
      request: { query, variables: { representations: [{ __typename: "Member", id: "1" }, { __typename: "Member", id: "2" }] } },
      context: { viewer: null, requestId: "r-2", forwarded: {} },
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
    expect(response.errors?.map((error) => error.path)).toEqual([
      ["_entities", 0, "authorizations"],
      ["_entities", 0, "open"],
      ["_entities", 1, "authorizations"],
      ["_entities", 1, "open"],
    ]);
    expect(response.data).toBeUndefined();
  });

  it("counts each GraphQL error the subgraph answered by its code", async () => {
    const metrics = createMetrics();
    answer = json(200, { data: { me: null }, errors: [{ message: "no", path: ["me"], extensions: { code: "FORBIDDEN" } }] });
    const response = await call(new SubgraphDataSource("billing-pac", url, 2_000, metrics));
    expect(response.errors?.[0]?.message).toBe("no");
    expect(await counted(metrics, "sos_gateway_subgraph_errors_total", { subgraph: "billing-pac", code: "FORBIDDEN" })).toBe(1);
  });

  it("refuses a 2xx that is not a JSON object, counted as an HTTP error", async () => {
    const metrics = createMetrics();
    answer = (_req, _body, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{not json");
    };
    await expect(call(new SubgraphDataSource("pqrs", url, 2_000, metrics))).rejects.toThrow();
    expect(await counted(metrics, "sos_gateway_subgraph_fetch_duration_seconds_count", { subgraph: "pqrs", outcome: "http_error" })).toBe(1);
  });

  it("gives up at the deadline, counted as a timeout, and answers its fields UNAVAILABLE", async () => {
    const metrics = createMetrics();
    answer = () => {}; // never answers
    const started = performance.now();
    expect((await call(new SubgraphDataSource("directory", url, 200, metrics))).errors).toEqual([{ message: UNAVAILABLE_MESSAGE, path: ["me"], extensions: { code: "UNAVAILABLE" } }]);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await counted(metrics, "sos_gateway_subgraph_fetch_duration_seconds_count", { subgraph: "directory", outcome: "timeout" })).toBe(1);
  });

  it("answers UNAVAILABLE when nothing listens, counted as a network error", async () => {
    const metrics = createMetrics();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect((await call(new SubgraphDataSource("audit", `http://127.0.0.1:${port}/graphql`, 2_000, metrics))).errors?.[0]).toMatchObject({ path: ["me"], extensions: { code: "UNAVAILABLE" } });
    expect(await counted(metrics, "sos_gateway_subgraph_fetch_duration_seconds_count", { subgraph: "audit", outcome: "network_error" })).toBe(1);
  });
});

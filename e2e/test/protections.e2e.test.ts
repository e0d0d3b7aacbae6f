import { PERSONAS } from "@sos/personas";
import { errorCodes, graphqlRequest } from "@sos/kit/testing";
import { randomBytes } from "node:crypto";
import { Agent, request as httpRequest } from "node:http";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway, startStack, trustedOperation, type Stack } from "./stack.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const member = PERSONAS["member"]!;
const ips = PERSONAS["ips"]!;
const persistedBody = (name: string, variables: Record<string, unknown> = {}) =>
  ({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: trustedOperation(name).id } } }) as const;

/** A POST as a client sends it, with the response's status, headers and body. */
async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] } };
}

const redisUrl = process.env["REDIS_URL"];
const noRedis = "no Redis (set REDIS_URL or install redis-server)";

describe.skipIf(!redisUrl)(`rate limits shared through Redis${redisUrl ? "" : ` — skipped: ${noRedis}`}`, () => {
  it("refuse a client's 101st request in a window of 100, on either of two gateways", async () => {
    const prefix = `test:${randomBytes(6).toString("hex")}`;
    const env = { REDIS_URL: redisUrl!, RATE_LIMIT_PER_CLIENT: "100", RATE_LIMIT_WINDOW_SECONDS: "600" };
    const first = await startGateway({ subgraphUrl: stack.subgraphUrl, publicKeyPem: stack.publicKeyPem, env, rateLimitPrefix: prefix });
    const second = await startGateway({ subgraphUrl: stack.subgraphUrl, publicKeyPem: stack.publicKeyPem, env, rateLimitPrefix: prefix });
    try {
      expect(first.gateway.rateLimitBackend).toBe("redis");
      // Two accounts of one clinic share the clinic's quota.
      const tokens = [await stack.token(ips), await stack.token({ ...ips, subject: "ips-user-2" })];
      const body = persistedBody("AssignedPatients", { first: 1 });
      const gateways = [first.running.url, second.running.url];
      for (let i = 0; i < 100; i++) {
        const response = await post(gateways[i % 2]!, body, { authorization: `Bearer ${tokens[i % 2]}` });
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        if (i === 99) expect(response.headers.get("ratelimit")).toMatch(/limit=100, remaining=0/);
      }
      for (const url of gateways) {
        const refused = await post(url, body, { authorization: `Bearer ${tokens[0]}` });
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(refused.headers.get("ratelimit-policy")).toBe("100;w=600");
        expect(refused.body.errors?.[0]?.extensions["code"]).toBe("RATE_LIMITED");
      }
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describe("rate limits", () => {
  it("count anonymous requests per client address, in memory when no Redis is configured", async () => {
    const gateway = await startGateway({ subgraphUrl: stack.subgraphUrl, publicKeyPem: stack.publicKeyPem, env: { RATE_LIMIT_PER_IP: "3" } });
    try {
      expect(gateway.gateway.rateLimitBackend).toBe("memory");
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await post(gateway.running.url, { query: "{ __typename }" })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      // A signed-in member is counted apart, by account.
      expect((await post(gateway.running.url, { query: "{ me { id } }" }, { authorization: `Bearer ${await stack.token(member)}` })).status).toBe(200);
    } finally {
      await gateway.close();
    }
  });

  it("give rightsCheck its own hourly quota per clinic, counting aliased checks, with a metric", async () => {
    const gateway = await startGateway({ subgraphUrl: stack.subgraphUrl, publicKeyPem: stack.publicKeyPem, env: { RIGHTS_CHECK_QUOTA_PER_HOUR: "3" } });
    try {
      const token = await stack.token(ips);
      const check = persistedBody("RightsCheck", { documentType: "CC", documentNumber: "9999999999" });
      for (let i = 0; i < 3; i++) expect((await post(gateway.running.url, check, { authorization: `Bearer ${token}` })).status).toBe(200);
      const refused = await post(gateway.running.url, check, { authorization: `Bearer ${token}` });
      expect(refused.status).toBe(429);
      expect(refused.body.errors?.[0]?.extensions["code"]).toBe("RATE_LIMITED");
      const metrics = await (await fetch(gateway.running.url.replace("/graphql", "/metrics"))).text();
      expect(metrics).toContain(`sos_gateway_rights_checks_total{caller="ips:${ips.ipsCode}",service="gateway"} 4`);
      expect(metrics).toContain(`sos_gateway_rate_limited_total{limit="rights-check",service="gateway"} 1`);
    } finally {
      await gateway.close();
    }
  });
});

describe("the schema is private to those who explore it", () => {
  it("gives an anonymous caller no schema and no suggestions", async () => {
    const introspection = await post(stack.gatewayUrl, { query: "{ __schema { types { name } } }" });
    expect(introspection.status).toBe(400);
    expect(introspection.body.errors?.[0]?.extensions["code"]).toBe("INTROSPECTION_DISABLED");
    expect(introspection.body.data).toBeUndefined();
    const typo = await post(stack.gatewayUrl, { query: "{ mee { id } }" });
    expect(typo.body.errors?.[0]?.message).toBe('Cannot query field "mee" on type "Query".');
  });

  it("gives no suggestions in an input error's detail either", async () => {
    const result = await post(stack.gatewayUrl, {
      query: "mutation($input: AffiliationApplicationInput!) { applyForAffiliation(input: $input) { message } }",
      variables: { input: { persn: {} } },
    });
    expect(result.body.errors?.[0]?.extensions["code"]).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(result.body.errors)).not.toMatch(/Did you mean/);
  });

  it("keeps introspection and suggestions for an analyst", async () => {
    const token = await stack.token(PERSONAS["analyst"]!);
    const introspection = await post(stack.gatewayUrl, { query: "{ __schema { queryType { name } } }" }, { authorization: `Bearer ${token}` });
    expect(introspection.body.data).toEqual({ __schema: { queryType: { name: "Query" } } });
    const typo = await post(stack.gatewayUrl, { query: "{ mee { id } }" }, { authorization: `Bearer ${token}` });
    expect(typo.body.errors?.[0]?.message).toMatch(/Did you mean "me"\?/);
  });
});

describe("in production", () => {
  it("runs only trusted documents for members and anonymous callers, while analysts keep ad-hoc queries", async () => {
    const gateway = await startGateway({ subgraphUrl: stack.subgraphUrl, publicKeyPem: stack.publicKeyPem, env: { NODE_ENV: "production" } });
    try {
      const url = gateway.running.url;
      const auth = { authorization: `Bearer ${await stack.token(member)}` };
      const adHoc = await post(url, { query: "{ me { id } }" }, auth);
      expect(adHoc.status).toBe(400);
      expect(adHoc.body.errors?.[0]?.extensions["code"]).toBe("PERSISTED_QUERY_NOT_IN_LIST");
      const listed = await post(url, persistedBody("MemberHome"), auth);
      expect(listed.status).toBe(200);
      const introspection = await post(url, { query: "{ __schema { queryType { name } } }" }, auth);
      expect(introspection.status).toBe(400);
      const analyst = await post(url, { query: "{ __schema { queryType { name } } }" }, { authorization: `Bearer ${await stack.token(PERSONAS["analyst"]!)}` });
      expect(analyst.body.data).toEqual({ __schema: { queryType: { name: "Query" } } });
    } finally {
      await gateway.close();
    }
  });

  it("will not start without a gateway secret", async () => {
    await expect(
      startGateway({ subgraphUrl: stack.subgraphUrl, publicKeyPem: stack.publicKeyPem, env: { NODE_ENV: "production", GATEWAY_SECRET: "" } }),
    ).rejects.toThrow(/GATEWAY_SECRET/);
  });
});

describe("HTTP", () => {
  it("closes the connection after a 413, so the next request on a keep-alive client succeeds", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (body: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = httpRequest(stack.gatewayUrl, { method: "POST", agent, headers: { "content-type": "application/json" } }, (res) => {
          let text = "";
          res.on("data", (chunk: Buffer) => (text += chunk.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on("error", reject);
        req.end(body);
      });
    try {
      const big = await send(JSON.stringify({ query: "{ __typename }", variables: { padding: "x".repeat(200_000) } }));
      expect(big.status).toBe(413);
      const next = await send(JSON.stringify({ query: "{ __typename }" }));
      expect(next.status).toBe(200);
      expect(JSON.parse(next.text)).toMatchObject({ data: { __typename: "Query" } });
    } finally {
      agent.destroy();
    }
  });

  it("refuses oversized headers with 431", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(stack.gatewayUrl, { method: "POST", headers: { "content-type": "application/json", "x-padding": "x".repeat(20_000) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end("{}");
    });
    expect(status).toBe(431);
  });

  it("refuses a cross-site simple request (CSRF prevention)", async () => {
    const response = await fetch(`${stack.gatewayUrl}?query=${encodeURIComponent("{ me { id } }")}`, { method: "GET" });
    expect(response.status).toBe(400);
    const form = await fetch(stack.gatewayUrl, { method: "POST", headers: { "content-type": "text/plain" }, body: '{"query":"{ me { id } }"}' });
    expect(form.status).toBe(400);
  });
});

describe("metrics", () => {
  it("answer in production only a scraper with the token, compared in constant time", async () => {
    const gateway = await startGateway({
      subgraphUrl: stack.subgraphUrl,
      publicKeyPem: stack.publicKeyPem,
      env: { NODE_ENV: "production", METRICS_TOKEN: "scrape-token-0123456789" },
    });
    const untokened = await startGateway({ subgraphUrl: stack.subgraphUrl, publicKeyPem: stack.publicKeyPem, env: { NODE_ENV: "production" } });
    try {
      const url = gateway.running.url.replace("/graphql", "/metrics");
      expect((await fetch(url)).status).toBe(403);
      expect((await fetch(url, { headers: { authorization: "Bearer wrong" } })).status).toBe(403);
      const ok = await fetch(url, { headers: { authorization: "Bearer scrape-token-0123456789" } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain("sos_gateway_rate_limited_total");
      // Without a token, production serves metrics to nobody, not even this machine.
      expect((await fetch(untokened.running.url.replace("/graphql", "/metrics"))).status).toBe(403);
    } finally {
      await gateway.close();
      await untokened.close();
    }
  });
});

describe("subgraph calls", () => {
  let silent: Server;
  beforeAll(async () => {
    // A subgraph that accepts the connection and never answers.
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    silent.close();
  });

  it("answer INTERNAL when a subgraph refuses the gateway (a secret that does not match), telling the client nothing of it", async () => {
    const gateway = await startGateway({ subgraphUrl: stack.subgraphUrl, publicKeyPem: stack.publicKeyPem, env: { GATEWAY_SECRET: "not-the-secret-the-subgraph-knows" } });
    try {
      const result = await graphqlRequest(gateway.running.url, "{ me { id } }", { token: await stack.token(member) });
      expect(errorCodes(result)).toEqual(["INTERNAL"]);
      expect(JSON.stringify(result.errors)).not.toMatch(/gateway|403|secret/i);
    } finally {
      await gateway.close();
    }
  });

  it("give up at the deadline and answer the fields it would have filled UNAVAILABLE, naming no subgraph or address", async () => {
    const port = (silent.address() as { port: number }).port;
    const gateway = await startGateway({ subgraphUrl: `http://127.0.0.1:${port}/graphql`, publicKeyPem: stack.publicKeyPem, env: { SUBGRAPH_TIMEOUT_MS: "300" } });
    try {
      const started = Date.now();
      const result = await graphqlRequest(gateway.running.url, "{ me { id } }", { token: await stack.token(member) });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(errorCodes(result)).toEqual(["UNAVAILABLE"]);
      expect(result.errors?.[0]?.path).toEqual(["me"]);
      expect(JSON.stringify(result)).not.toMatch(/affiliation|127\.0\.0\.1|timeout|abort/i);
      expect(result.errors?.[0]?.extensions?.["requestId"]).toBe(result.headers?.get("x-request-id"));
    } finally {
      await gateway.close();
    }
  });
});

describe("bad tokens", () => {
  it("are counted against the sender's address, so a flood of them is cut off with 429", async () => {
    const gateway = await startGateway({ subgraphUrl: stack.subgraphUrl, publicKeyPem: stack.publicKeyPem, env: { RATE_LIMIT_PER_IP: "2" } });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await post(gateway.running.url, { query: "{ __typename }" }, { authorization: "Bearer not.a.token" })).status);
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await gateway.close();
    }
  });
});

describe("trusted documents over GET", () => {
  it("run a listed query sent by id in the URL, as a CDN-cacheable GET", async () => {
    const { id } = trustedOperation("RightsCheck");
    const params = new URLSearchParams({ documentId: `sha256:${id}`, variables: JSON.stringify({ documentType: "CC", documentNumber: "9999999999" }) });
    const response = await fetch(`${stack.gatewayUrl}?${params}`, {
      headers: { authorization: `Bearer ${await stack.token(ips)}`, "apollo-require-preflight": "true" },
    });
    const body = (await response.json()) as { data: { rightsCheck: { affiliated: boolean } } };
    expect(response.status).toBe(200);
    expect(body.data.rightsCheck.affiliated).toBe(false);
  });
});

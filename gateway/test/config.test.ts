import { generateKeyPairPem } from "@sos/kit/auth";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { subgraphUrl } from "../src/server.js";

const { publicKeyPem } = await generateKeyPairPem();
const env = (extra: Record<string, string>) => loadConfig({ JWT_PUBLIC_KEY: publicKeyPem, ...extra });

describe("gateway configuration", () => {
  it("finds each subgraph by the template, unless a subgraph has its own URL", async () => {
    const config = await env({ SUBGRAPH_URL_TEMPLATE: "http://{name}:{port}/graphql", SUBGRAPH_BILLING_PAC_URL: "http://billing.internal/graphql" });
    expect(subgraphUrl("affiliation", "http://127.0.0.1:4001/graphql", config)).toBe("http://affiliation:4001/graphql");
    expect(subgraphUrl("billing-pac", "http://127.0.0.1:4003/graphql", config)).toBe("http://billing.internal/graphql");
    const plain = await env({});
    expect(subgraphUrl("affiliation", "http://127.0.0.1:4001/graphql", plain)).toBe("http://127.0.0.1:4001/graphql");
  });

  it("refuses what would open the graph: a partner allowed ad-hoc queries, anonymous introspection, no secret in production", async () => {
    await expect(env({ ADHOC_OPERATIONS: "ANALYST,IPS" })).rejects.toThrow(/IPS may never be listed/);
    await expect(env({ INTROSPECTION: "ANONYMOUS" })).rejects.toThrow(/ANONYMOUS may never be listed/);
    await expect(env({ ADHOC_OPERATIONS: "ROOT" })).rejects.toThrow(/not one of/);
    await expect(env({ NODE_ENV: "production" })).rejects.toThrow(/GATEWAY_SECRET is required/);
    await expect(env({ GRAPHQL_MAX_DEPTH: "0" })).rejects.toThrow(/GRAPHQL_MAX_DEPTH/);
  });

  it("closes ad-hoc queries and introspection in production, except for analysts", async () => {
    const production = await env({ NODE_ENV: "production", GATEWAY_SECRET: "a-secret-of-enough-length" });
    expect(production.adHocCallers).toEqual(["ANALYST"]);
    expect(production.introspectionCallers).toEqual(["ANALYST"]);
    const development = await env({});
    expect(development.adHocCallers).not.toContain("IPS");
    expect(development.introspectionCallers).not.toContain("ANONYMOUS");
  });
});

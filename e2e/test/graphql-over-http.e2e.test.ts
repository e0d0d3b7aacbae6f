import { auditServer } from "graphql-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "./stack.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ members: 20 });
});
afterAll(async () => {
  await stack?.close();
});

describe("GraphQL over HTTP", () => {
  it("passes graphql-http's audit of the gateway with no error and no warning", async () => {
    // The audit asks for __type, which only callers who may explore the schema get: run it as an analyst.
    const token = await stack.token({ subject: "analyst-audit", role: "ANALYST" });
    const fetchFn: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set("authorization", `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    };
    const results = await auditServer({ url: stack.gatewayUrl, fetchFn });
    const describe = (result: (typeof results)[number]) => `${result.status}: ${result.name}: ${"reason" in result ? result.reason : ""}`;
    expect(results.filter((result) => result.status === "error" || result.status === "warn").map(describe)).toEqual([]);
    // The only notices are the optional GET forms, which CSRF prevention refuses on purpose: a GET must
    // carry a header a browser form cannot (apollo-require-preflight, or a non-simple content type).
    const notices = results.filter((result) => result.status === "notice");
    expect(notices.every((result) => /GET/.test(result.name))).toBe(true);
    expect(results.filter((result) => result.status === "ok").length).toBeGreaterThan(55);
  });
});

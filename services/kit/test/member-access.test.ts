import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remoteMemberAccess } from "../src/access/member-access.js";

// A stand-in for the affiliation subgraph's memberAccess over real HTTP: it accepts one secret only, and
// answers SELF for member "a" and nothing for anyone else.
let server: Server;
let url: string;
let calls = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    calls++;
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      if (req.headers["x-gateway-secret"] !== "current-secret-0123456789") {
        res.writeHead(403, { "content-type": "application/json" }).end('{"errors":[{"message":"no","extensions":{"code":"FORBIDDEN"}}]}');
        return;
      }
      const { variables } = JSON.parse(body) as { variables: { memberIds: string[] } };
      const memberAccess = variables.memberIds.map((memberId) => ({ memberId, relations: memberId === "a" ? ["COTIZANTE", "NOT_A_RELATION", "CONCERNED_IPS"] : [] }));
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: { memberAccess } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => {
  server.close();
});

const request = { viewer: { subject: "u", role: "MEMBER" as const, memberId: "m" }, authorization: "Bearer x", requestId: "r", purpose: null };

describe("asking affiliation how a viewer relates to members", () => {
  it("asks once per batch, keeps only known relations (never CONCERNED_IPS, which only a record grants), and treats an unanswered id as unrelated", async () => {
    const loader = remoteMemberAccess({ url, secrets: ["current-secret-0123456789"] })(request);
    const before = calls;
    const [a, b, self] = await Promise.all([loader.load("a"), loader.load("b"), loader.load("m")]);
    expect(a).toEqual(["COTIZANTE"]);
    expect(b).toEqual([]);
    expect(self).toEqual(["SELF"]);
    expect(calls - before).toBe(1);
  });

  it("tries the next secret when one is refused, as while a secret is rotated", async () => {
    const loader = remoteMemberAccess({ url, secrets: ["next-secret-not-yet-known", "current-secret-0123456789"] })(request);
    expect(await loader.load("a")).toEqual(["COTIZANTE"]);
  });

  it("fails closed when no secret is accepted, or affiliation cannot be reached", async () => {
    const refused = remoteMemberAccess({ url, secrets: ["wrong-secret-0123456789"] })(request);
    await expect(refused.load("a")).rejects.toMatchObject({ extensions: { code: "UNAVAILABLE" } });
    const unreachable = remoteMemberAccess({ url: "http://127.0.0.1:9/graphql", secrets: [] })(request);
    await expect(unreachable.load("a")).rejects.toMatchObject({ extensions: { code: "UNAVAILABLE" } });
  });

  it("asks nothing for staff and analysts", async () => {
    const before = calls;
    expect(await remoteMemberAccess({ url, secrets: [] })({ ...request, viewer: { subject: "g", role: "AGENT" } }).load("a")).toEqual(["AGENT"]);
    expect(await remoteMemberAccess({ url, secrets: [] })({ ...request, viewer: { subject: "n", role: "ANALYST" } }).load("a")).toEqual([]);
    expect(calls).toBe(before);
  });
});

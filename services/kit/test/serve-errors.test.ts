// How the HTTP server ends a request that failed outside GraphQL: a fault of ours is a 500 INTERNAL and an
// error in the log; a client that hung up before its request arrived gets nothing (nobody is there) and is
// logged at info, not as an error.
import { ApolloServer } from "@apollo/server";
import { connect } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { serveHttp, type RunningHttpServer } from "../src/http/serve.js";
import { createLogger } from "../src/logger.js";

const lines: { level: number; msg: string }[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line) as { level: number; msg: string });
    done();
  },
});
let server: RunningHttpServer;
let apollo: ApolloServer<object>;

beforeAll(async () => {
  const logger = createLogger("test", "info", sink);
  apollo = new ApolloServer<object>({ typeDefs: "type Query { ping: Int }", resolvers: { Query: { ping: () => 1 } }, logger });
  server = await serveHttp<object>({
    apollo,
    logger,
    port: 0,
    host: "127.0.0.1",
    context: async () => ({}),
    readiness: async () => ({ ready: true }),
    // A bug in the request's preparation, after its whole body was read.
    prepare: (request) => {
      if (request.body && JSON.stringify(request.body).includes("boom")) throw new TypeError("x is undefined");
      return request;
    },
  });
});
afterAll(async () => {
  await server?.close();
  await apollo?.stop();
});

describe("a request that fails outside GraphQL", () => {
  it("is a 500 INTERNAL and an error in the log when the fault is ours", async () => {
    const response = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ ping }", variables: { x: "boom" } }) });
    expect(response.status).toBe(500);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe("INTERNAL");
    expect(lines.some((line) => line.level === 50 && line.msg === "request failed outside GraphQL")).toBe(true);
  });

  it("is only an info line when the client hung up halfway through its body", async () => {
    const errorsBefore = lines.filter((line) => line.level >= 50).length;
    const url = new URL(server.url);
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write(`POST ${url.pathname} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"query":`);
    socket.destroy();
    const hungUp = await vi.waitFor(() => {
      const line = lines.find((candidate) => candidate.msg === "the client closed the connection before its request was read");
      if (!line) throw new Error("not logged yet");
      return line;
    });
    expect(hungUp.level).toBe(30);
    expect(lines.filter((line) => line.level >= 50)).toHaveLength(errorsBefore);
  });
});

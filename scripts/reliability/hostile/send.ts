// How the hostile run sends a request and what it makes of the answer. Most requests go through node's
// HTTP client (any method, content type, header or body); what that client refuses to send (bytes that are
// not HTTP, header values with control characters, lies about the body's length) and slow clients go over
// a plain TCP socket.
import { Agent, request as httpRequest } from "node:http";
import { connect } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export type Wire =
  | { kind: "http"; method: string; path: string; headers: Record<string, string>; body?: string | Buffer }
  /** Bytes written at once on a new connection; the answer is read until the server closes it. */
  | { kind: "raw"; bytes: Buffer }
  /** Chunks written one by one, `intervalMs` apart, on a new connection: a slow client. */
  | { kind: "slow"; chunks: Buffer[]; intervalMs: number };

export interface HostileCase {
  category: string;
  wire: Wire;
  /** "error": only a refusal is right (an operator object, a forged token); "any": an answer with data may be right too. */
  expect: "error" | "any";
  /** When set, the only right answer is data this accepts (the caller's own record, not anyone else's). */
  expectData?: (data: unknown) => boolean;
}

export interface Outcome {
  /** The HTTP status, or null when the server closed the connection without an answer. */
  status: number | null;
  /** extensions.code of every GraphQL error of the answer. */
  codes: string[];
  /** GraphQL errors without a code (never right). */
  uncoded: number;
  /** The answer carried data and no error. */
  data: boolean;
  /** That data (of the first answer of a batch). */
  body: unknown;
  json: boolean;
  ms: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function parseBody(text: string): Pick<Outcome, "codes" | "uncoded" | "data" | "json" | "body"> {
  try {
    const body = JSON.parse(text) as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] } | unknown[];
    const answers = Array.isArray(body) ? body : [body];
    const codes: string[] = [];
    let uncoded = 0;
    let data = false;
    for (const answer of answers as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] }[]) {
      for (const error of answer?.errors ?? []) {
        if (typeof error?.extensions?.code === "string") codes.push(error.extensions.code);
        else uncoded += 1;
      }
      if (!answer?.errors?.length && answer?.data !== undefined && answer?.data !== null) data = true;
    }
    return { codes, uncoded, data, json: true, body: (answers[0] as { data?: unknown } | undefined)?.data };
  } catch {
    return { codes: [], uncoded: 0, data: false, json: false, body: undefined };
  }
}

function sendHttp(base: URL, wire: Extract<Wire, { kind: "http" }>, timeoutMs: number): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    // The status as soon as the answer's head is in: a server that answers 413 and closes before reading the
    // whole body is right, though the client's write then fails.
    let answered: number | null = null;
    const done = (status: number | null, text: string): void => resolve({ status: status ?? answered, ...parseBody(text), ms: performance.now() - started });
    const req = httpRequest(
      { host: base.hostname, port: base.port, method: wire.method, path: wire.path, headers: wire.headers, agent, timeout: timeoutMs },
      (res) => {
        answered = res.statusCode ?? null;
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => done(res.statusCode ?? null, Buffer.concat(chunks).toString("utf8")));
        res.on("error", () => done(res.statusCode ?? null, Buffer.concat(chunks).toString("utf8")));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => done(null, ""));
    req.end(wire.body);
  });
}

/** The status of the first HTTP response in `bytes` (the server may close right after it). */
const statusOf = (bytes: Buffer): number | null => {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(bytes.subarray(0, 32).toString("latin1"));
  return match ? Number(match[1]) : null;
};

function sendSocket(base: URL, chunks: Buffer[], intervalMs: number, timeoutMs: number): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host: base.hostname, port: Number(base.port) });
    const received: Buffer[] = [];
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      const bytes = Buffer.concat(received);
      const split = bytes.indexOf("\r\n\r\n");
      resolve({ status: statusOf(bytes), ...parseBody(split < 0 ? "" : bytes.subarray(split + 4).toString("utf8")), ms: performance.now() - started });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on("data", (chunk: Buffer) => {
      received.push(chunk);
      // One answer is all a hostile request gets: once its headers and a Content-Length worth of body are in, stop.
      const bytes = Buffer.concat(received);
      const split = bytes.indexOf("\r\n\r\n");
      const length = /content-length: (\d+)/i.exec(bytes.subarray(0, Math.max(0, split)).toString("latin1"));
      if (split >= 0 && length && bytes.length - split - 4 >= Number(length[1])) finish();
    });
    socket.on("close", finish);
    socket.on("error", finish);
    socket.once("connect", async () => {
      for (const [index, chunk] of chunks.entries()) {
        if (finished || socket.destroyed) return;
        if (index > 0) await sleep(intervalMs);
        if (finished || socket.destroyed) return;
        socket.write(chunk);
      }
    });
  });
}

export function sendCase(gatewayUrl: string, wire: Wire, timeoutMs: number): Promise<Outcome> {
  const base = new URL(gatewayUrl);
  if (wire.kind === "http") return sendHttp(base, wire, timeoutMs);
  if (wire.kind === "raw") return sendSocket(base, [wire.bytes], 0, timeoutMs);
  return sendSocket(base, wire.chunks, wire.intervalMs, timeoutMs);
}

/** Closes the keep-alive connections the run kept open. */
export const closeConnections = (): void => agent.destroy();

import { STATUS_CODES } from "node:http";
import { Agent, errors as undiciErrors, type Dispatcher } from "undici";

// The HTTP client for calls inside the graph (gateway to subgraph, subgraph to subgraph): JSON over
// keep-alive connections with undici's request API. Node's global fetch is undici too, but wraps every call
// in WHATWG Request/Response objects and web streams and sends the body as an async iterable, a separate
// write; measured under load (scripts/bench, BENCHMARKS.md), that wrapping was about 40 % of the gateway's
// CPU. Here the body is one string written with the headers, and the answer is read whole.

/** One pool of keep-alive connections per origin, shared by every caller in the process. */
const agent = new Agent({
  // Idle connections are kept this long unless the server says less (Node's servers say 5 s in keep-alive).
  keepAliveTimeout: 4_000,
  connect: { timeout: 5_000 },
});

export interface JsonAnswer {
  status: number;
  /** The status's standard text (undici's request API does not pass on the reason phrase the peer wrote). */
  statusText: string;
  /** The Content-Type the peer declared. */
  contentType: string;
  /** The body as text: parse it with JSON.parse when contentType says JSON. */
  text: string;
}

/** Why a call failed without an answer: its deadline passed, or the peer could not be reached. */
export class PeerCallError extends Error {
  constructor(
    message: string,
    readonly reason: "timeout" | "network_error",
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = reason === "timeout" ? "TimeoutError" : "PeerCallError";
  }
}

/**
 * POSTs `body` (already JSON) to `url` and reads the whole answer, within `timeoutMs` from the start to the
 * last byte. Rejects with PeerCallError when there is no answer in time or no connection.
 */
export async function postJson(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<JsonAnswer> {
  const target = new URL(url);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  try {
    const answer: Dispatcher.ResponseData = await agent.request({
      origin: target.origin,
      path: target.pathname + target.search,
      method: "POST",
      headers: { ...headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) },
      body,
      signal: deadline.signal,
    });
    const text = await answer.body.text();
    const contentType = answer.headers["content-type"];
    return {
      status: answer.statusCode,
      statusText: STATUS_CODES[answer.statusCode] ?? "",
      contentType: (Array.isArray(contentType) ? contentType[0] : contentType) ?? "",
      text,
    };
  } catch (error) {
    if (deadline.signal.aborted || error instanceof undiciErrors.RequestAbortedError) throw new PeerCallError(`${url} did not answer within ${timeoutMs} ms`, "timeout", { cause: error });
    // A request undici would not even send (a header value it refuses) is our bug, not the peer's absence:
    // it stays what it is, and the caller answers INTERNAL rather than "try again".
    if (error instanceof undiciErrors.InvalidArgumentError || error instanceof undiciErrors.NotSupportedError) throw error;
    throw new PeerCallError(`${url} could not be reached: ${(error as Error).message}`, "network_error", { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/** Closes the shared connections (a process that stops; tests). */
export function closePeerConnections(): Promise<void> {
  return agent.close();
}

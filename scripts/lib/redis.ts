// Finds a Redis for the start and test commands: REDIS_URL when set, else one answering on the default
// local port, else a redis-server from PATH started on a free port of 127.0.0.1 (nothing kept on disk).
// Without any, the graph counts rate limits in each gateway's memory, and says so.
import { spawn, type ChildProcess } from "node:child_process";
import { createConnection, createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export interface ProvisionedRedis {
  url: string | null;
  /** How it was found, for the start banner and the test log. */
  kind: "REDIS_URL" | "local" | "redis-server" | "none";
  stop(): Promise<void>;
}

/** Does a Redis answer PING at host:port within a second? */
export function pingRedis(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => done(data.toString().startsWith("+PONG")));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

/**
 * A redis-server from PATH on 127.0.0.1:`port`, nothing kept on disk, once it answers PING. null when there
 * is no redis-server or it did not answer within 5 s. `stop` ends it (SIGKILL: a Redis lost, not shut down).
 */
export async function startRedisServer(port: number, signal: NodeJS.Signals = "SIGTERM"): Promise<{ stop(): Promise<void> } | null> {
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const failed = new Promise<boolean>((resolve) => child.once("error", () => resolve(true)));
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await Promise.race([failed, sleep(100).then(() => false)])) return null;
    if (await pingRedis("127.0.0.1", port)) return { stop: () => stopChild(child, signal) };
  }
  await stopChild(child, signal);
  return null;
}

export async function provisionRedis(env: NodeJS.ProcessEnv = process.env): Promise<ProvisionedRedis> {
  const none = async () => {};
  if (env["REDIS_URL"]) return { url: env["REDIS_URL"], kind: "REDIS_URL", stop: none };
  if (await pingRedis("127.0.0.1", 6379)) return { url: "redis://127.0.0.1:6379", kind: "local", stop: none };
  const port = await freePort();
  const server = await startRedisServer(port);
  return server ? { url: `redis://127.0.0.1:${port}`, kind: "redis-server", stop: server.stop } : { url: null, kind: "none", stop: none };
}

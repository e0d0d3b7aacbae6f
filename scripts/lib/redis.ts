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

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

export async function provisionRedis(env: NodeJS.ProcessEnv = process.env): Promise<ProvisionedRedis> {
  const none = async () => {};
  if (env["REDIS_URL"]) return { url: env["REDIS_URL"], kind: "REDIS_URL", stop: none };
  if (await pingRedis("127.0.0.1", 6379)) return { url: "redis://127.0.0.1:6379", kind: "local", stop: none };
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const failed = new Promise<boolean>((resolve) => child.once("error", () => resolve(true)));
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await Promise.race([failed, sleep(100).then(() => false)])) return { url: null, kind: "none", stop: none };
    if (await pingRedis("127.0.0.1", port)) return { url: `redis://127.0.0.1:${port}`, kind: "redis-server", stop: () => stopChild(child) };
  }
  await stopChild(child);
  return { url: null, kind: "none", stop: none };
}

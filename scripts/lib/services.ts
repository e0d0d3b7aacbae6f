import { spawn, type ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { REPO_ROOT } from "./database.mjs";

/** A service of the graph as the start command runs it: from its TypeScript sources, with tsx. */
export interface ServiceSpec {
  name: string;
  entry: string;
  env: Record<string, string>;
  readyUrl: string;
}

export interface RunningService {
  name: string;
  child: ChildProcess;
  /** Resolves when the service's readyUrl answers 200. */
  ready(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export function startService(spec: ServiceSpec, onUnexpectedExit: (name: string, code: number | null) => void): RunningService {
  const child = spawn(process.execPath, ["--conditions=development", "--import", "tsx", spec.entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...spec.env },
    stdio: ["ignore", "inherit", "inherit"],
  });
  let stopping = false;
  child.once("exit", (code) => {
    if (!stopping) onUnexpectedExit(spec.name, code);
  });
  return {
    name: spec.name,
    child,
    ready: (timeoutMs) => waitUntilReady(spec.name, spec.readyUrl, timeoutMs),
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls a health URL until it answers 200. */
export async function waitUntilReady(name: string, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${name} did not become ready at ${url} within ${timeoutMs / 1000} s`);
}

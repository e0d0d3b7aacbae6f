import { spawn, type ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { REPO_ROOT } from "./paths.js";

/**
 * A service of the graph: from its TypeScript sources with tsx, as the start command runs it, or from its
 * build (`entry` a dist/*.js file), as production runs it.
 */
export interface ServiceSpec {
  name: string;
  entry: string;
  /** Run `entry` with plain node: it is a build (`npm run build`), not a TypeScript source. */
  fromBuild?: boolean;
  env: Record<string, string>;
  readyUrl: string;
}

export interface RunningService {
  name: string;
  /** The current process (a new one after each restart). */
  readonly child: ChildProcess;
  /** Resolves when the service's readyUrl answers 200. */
  ready(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** What to do when a service exits by itself: restart it, after a delay that doubles up to a ceiling. */
export interface RestartPolicy {
  /** Told of each restart, e.g. to say so in the start command's log. */
  onRestart(name: string, code: number | null, delayMs: number, attempt: number): void;
  /** First delay; doubles with each crash in a row (default 1 s). */
  initialDelayMs?: number;
  /** Longest delay (default 30 s). */
  maxDelayMs?: number;
  /** A process that stayed up this long starts the count again (default 60 s). */
  stableAfterMs?: number;
}

/**
 * Runs a service from its TypeScript sources. When it exits by itself, a RestartPolicy (the start
 * command's) runs it again with backoff, so one crashed subgraph does not stop the graph; a plain callback
 * (benchmarks) is told, and nothing is restarted.
 */
export function startService(spec: ServiceSpec, onExit: ((name: string, code: number | null) => void) | RestartPolicy): RunningService {
  let stopping = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;
  const spawnChild = (): ChildProcess => {
    const started = Date.now();
    const args = spec.fromBuild ? [spec.entry] : ["--conditions=development", "--import", "tsx", spec.entry];
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, ...spec.env },
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.once("exit", (code) => {
      if (stopping) return;
      if (typeof onExit === "function") return onExit(spec.name, code);
      // Exit code 0 is a deliberate stop (the service's own SIGINT/SIGTERM handling, e.g. Ctrl-C reaching
      // the whole process group): nothing to restart.
      if (code === 0) return;
      attempt = Date.now() - started > (onExit.stableAfterMs ?? 60_000) ? 1 : attempt + 1;
      const delay = Math.min((onExit.initialDelayMs ?? 1_000) * 2 ** (attempt - 1), onExit.maxDelayMs ?? 30_000);
      onExit.onRestart(spec.name, code, delay, attempt);
      timer = setTimeout(() => {
        if (!stopping) current = spawnChild();
      }, delay);
    });
    return child;
  };
  let current = spawnChild();
  return {
    name: spec.name,
    get child() {
      return current;
    },
    ready: (timeoutMs) => waitUntilReady(spec.name, spec.readyUrl, timeoutMs),
    async stop() {
      stopping = true;
      clearTimeout(timer);
      const child = current;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(kill);
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

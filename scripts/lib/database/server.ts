// Running a server child: detached (Ctrl-C goes to us, and we stop it in order), output to a log file,
// a watchdog that stops it if we die without cleaning up, a pid file to find leftovers from a crash.
// Servers we start are stopped by `stop()`, and also when this process ends (normally, on Ctrl-C /
// SIGTERM / SIGHUP, on an uncaught exception) and, through the watchdog, even if it is killed with SIGKILL.

import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { STOP_TIMEOUT_MS, type Log } from "./processes.js";

export interface ServerHandle {
  child: ChildProcess;
  stop: () => Promise<void>;
  /** Last resort from an 'exit' handler: SIGTERM, no waiting. */
  killSync: () => void;
  exited: () => boolean;
  name: string;
  log: Log;
}

export interface ServerSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  logFile: string;
  pidFile: string;
  port: number;
  log: Log;
}

const running = new Set<ServerHandle>();

// The watchdog is a tiny shell in its own process group, reading a pipe from us. When we exit for any
// reason (even SIGKILL) the pipe closes, and it stops the server: SIGTERM, then SIGKILL after 10 s.
const WATCHDOG_SCRIPT = [
  'cat >/dev/null 2>&1',
  'kill -TERM "$1" 2>/dev/null || exit 0',
  "i=0",
  'while kill -0 "$1" 2>/dev/null; do',
  "  i=$((i+1))",
  '  if [ "$i" -gt 100 ]; then kill -KILL "$1" 2>/dev/null; exit 0; fi',
  "  sleep 0.1",
  "done",
].join("\n");

export function startServer(spec: ServerSpec): ServerHandle {
  const out = fs.openSync(spec.logFile, "w");
  let child: ChildProcess;
  try {
    child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      detached: true, // own process group: the terminal's Ctrl-C reaches us, not it; we stop it in order
      stdio: ["ignore", out, out],
      env: process.env,
    });
  } finally {
    fs.closeSync(out);
  }
  let hasExited = false;
  child.once("exit", () => {
    hasExited = true;
  });
  child.once("error", () => {
    hasExited = true;
  });
  child.unref(); // do not keep the caller's event loop alive; the 'exit' hook stops it

  const pid = child.pid ?? -1;
  let watchdog: ChildProcess | undefined;
  if (pid > 0) {
    try {
      watchdog = spawn("sh", ["-c", WATCHDOG_SCRIPT, "watchdog", String(pid)], {
        detached: true,
        stdio: ["pipe", "ignore", "ignore"],
      });
      watchdog.on("error", () => {});
      watchdog.stdin?.on("error", () => {});
      watchdog.unref();
      // stdin of a spawned child is a net.Socket at run time: unref it so it doesn't hold the event loop
      (watchdog.stdin as { unref?: () => void } | null)?.unref?.();
    } catch {
      watchdog = undefined;
    }
    fs.writeFileSync(
      spec.pidFile,
      JSON.stringify({ pid, owner: process.pid, port: spec.port, started: new Date().toISOString() }) + "\n",
    );
  }
  child.once("exit", () => {
    if (watchdog && watchdog.exitCode === null) watchdog.kill("SIGKILL");
  });

  let stopping: Promise<void> | undefined;
  const handle: ServerHandle = {
    child,
    name: spec.name,
    log: spec.log,
    exited: () => hasExited,
    killSync() {
      if (!hasExited) child.kill("SIGTERM");
    },
    stop() {
      stopping ??= (async () => {
        if (watchdog && watchdog.exitCode === null) watchdog.kill("SIGKILL");
        if (!hasExited && pid > 0) {
          child.ref();
          const gone = new Promise((resolve) => child.once("exit", resolve));
          child.kill("SIGTERM");
          const timedOut = await Promise.race([gone.then(() => false), sleep(STOP_TIMEOUT_MS).then(() => true)]);
          if (timedOut && !hasExited) {
            child.kill("SIGKILL");
            await Promise.race([gone, sleep(2_000)]);
          }
        }
        try {
          fs.unlinkSync(spec.pidFile);
        } catch {
          // not there
        }
        running.delete(handle);
        if (running.size === 0) removeProcessHooks();
      })();
      return stopping;
    },
  };
  running.add(handle);
  installProcessHooks();
  return handle;
}

const signalHandlers = new Map<NodeJS.Signals, () => void>();
let hooksInstalled = false;

function killAllSync(): void {
  for (const handle of running) handle.killSync();
}

function onProcessExit(): void {
  // Only synchronous work is possible here; the watchdog escalates to SIGKILL if needed.
  killAllSync();
}

function installProcessHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on("exit", onProcessExit);
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  for (const signal of signals) {
    let received = 0;
    const handler = (): void => {
      received += 1;
      if (received > 1) {
        // Asked again while stopping: stop waiting.
        for (const handle of running) if (!handle.exited()) handle.child.kill("SIGKILL");
        reraise(signal, handler);
        return;
      }
      for (const handle of running) {
        if (!handle.exited()) handle.log(`${signal}: stopping ${handle.name} (pid ${handle.child.pid}); again to kill it now`);
      }
      void Promise.allSettled([...running].map((h) => h.stop())).finally(() => {
        // If the caller listens for this signal too, it decides what happens next; otherwise end the
        // process the way the signal would have, now that the server is stopped.
        if (process.listenerCount(signal) > 1) return;
        reraise(signal, handler);
      });
    };
    signalHandlers.set(signal, handler);
    process.on(signal, handler);
  }
}

function reraise(signal: NodeJS.Signals, handler: () => void): void {
  process.removeListener(signal, handler);
  signalHandlers.delete(signal);
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function removeProcessHooks(): void {
  if (!hooksInstalled) return;
  hooksInstalled = false;
  process.removeListener("exit", onProcessExit);
  for (const [signal, handler] of signalHandlers) process.removeListener(signal, handler);
  signalHandlers.clear();
}

/** Waits until `pattern` appears in the log file, the child exits, or the timeout passes. */
export async function waitForLog(
  handle: ServerHandle,
  logFile: string,
  pattern: RegExp,
  timeoutMs: number,
): Promise<"ready" | "exited" | "timeout"> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let text = "";
    try {
      text = fs.readFileSync(logFile, "utf8");
    } catch {
      // not written yet
    }
    if (pattern.test(text)) return "ready";
    if (handle.exited()) return "exited";
    if (Date.now() > deadline) return "timeout";
    await sleep(50);
  }
}

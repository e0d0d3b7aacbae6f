// Process and port helpers for the database servers we start: finding executables, free ports, reading
// logs, whether a process is alive, and taking a data folder back from a leftover server.

import { Buffer } from "node:buffer";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { REPO_ROOT } from "../paths.js";

export const HOST = "127.0.0.1";
export const READY_TIMEOUT_MS = 30_000;
export const STOP_TIMEOUT_MS = 10_000;

/** Progress messages. */
export type Log = (msg: string) => void;

/** A path relative to the repository root when inside it, else absolute. */
export function display(p: string): string {
  const rel = path.relative(REPO_ROOT, p);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : p;
}

// ---------------------------------------------------------------------------------------------------
// Small helpers (exported for the unit test)

/** The absolute path of an executable on PATH, or undefined. */
export function findOnPath(name: string, searchPath: string = process.env.PATH ?? ""): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      if (fs.statSync(candidate).isFile()) {
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      }
    } catch {
      // not here
    }
  }
  return undefined;
}

/** A TCP port on 127.0.0.1 that is free right now: `preferred` if it is, else one the OS picks. */
export async function freePort(preferred?: number): Promise<number> {
  if (preferred && preferred > 0 && preferred < 65536) {
    const port = await tryListen(preferred);
    if (port) return port;
  }
  const port = await tryListen(0);
  if (!port) throw new Error("could not find a free TCP port on 127.0.0.1");
  return port;
}

function tryListen(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once("error", () => resolve(undefined));
    server.listen({ host: HOST, port, exclusive: true }, () => {
      const address = server.address();
      const got = typeof address === "object" && address ? address.port : undefined;
      server.close(() => resolve(got));
    });
  });
}

/** The last `n` non-empty lines of a text file ("" if it can't be read). */
export function lastLines(file: string, n = 20): string {
  try {
    const size = fs.statSync(file).size;
    const len = Math.min(size, 64 * 1024);
    const fd = fs.openSync(file, "r");
    try {
      const buf = Buffer.alloc(len);
      fs.readSync(fd, buf, 0, len, size - len);
      return buf
        .toString("utf8")
        .split("\n")
        .filter((l) => l.trim() !== "")
        .slice(-n)
        .join("\n");
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return "";
  }
}

/** Is a process with this pid alive? */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    // A zombie (dead, not yet reaped) still answers kill(pid, 0).
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no /proc (macOS): trust kill()
  }
}

/** The command line of a process ("" if unknown). */
function commandLineOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    const r = spawnSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" });
    return r.status === 0 ? r.stdout.trim() : "";
  }
}

/** Waits until a pid is gone, up to `ms`. */
async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  return !isAlive(pid);
}

/**
 * Stops a leftover server of ours that still uses this data folder (its owner died), or refuses if a
 * live process owns it.
 */
export async function reclaimDataDir(pidFile: string, binaryName: string, log: Log): Promise<void> {
  let previous: { pid?: number; owner?: number };
  try {
    previous = JSON.parse(fs.readFileSync(pidFile, "utf8")) as { pid?: number; owner?: number };
  } catch {
    return;
  }
  const pid = Number(previous.pid);
  if (!isAlive(pid) || !commandLineOf(pid).includes(binaryName)) return;
  const owner = Number(previous.owner);
  if (owner !== process.pid && isAlive(owner)) {
    throw new Error(
      `${binaryName} (pid ${pid}) started by process ${owner} is still using ${path.dirname(pidFile)}. ` +
        `Stop that first, or give this run another data folder.`,
    );
  }
  if (owner === process.pid) {
    throw new Error(`this process already runs ${binaryName} (pid ${pid}) on ${path.dirname(pidFile)}`);
  }
  log(`stopping a leftover ${binaryName} (pid ${pid}) from an earlier run that did not clean up`);
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    // already gone
  }
  if (!(await waitGone(pid, STOP_TIMEOUT_MS))) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
    await waitGone(pid, 2_000);
  }
}

/** The port recorded in a `*.port.json` file by an earlier start, if any. */
export function previousPort(file: string): number | undefined {
  try {
    const port = Number((JSON.parse(fs.readFileSync(file, "utf8")) as { port?: unknown }).port);
    return Number.isInteger(port) && port > 0 ? port : undefined;
  } catch {
    return undefined;
  }
}

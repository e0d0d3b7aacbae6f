// Provisions the MongoDB wire-protocol server that `npm start` and `npm test` run against.
// See docs/architecture.md, "The database, here and in production". In this order:
//   1. MONGODB_URI when set (any real MongoDB): used as is, never stopped by us;
//   2. a `mongod` on PATH: started on 127.0.0.1 as a one-node replica set `rs0` (transactions need one);
//   3. SecantusDB from PyPI, pinned, installed once into <repo>/.venv/secantus and started as a daemon.
// Servers we start are stopped by `stop()`, and also when this process ends (normally, on Ctrl-C /
// SIGTERM / SIGHUP, on an uncaught exception) and, through a small watchdog, even if it is killed with
// SIGKILL. Plain JavaScript with JSDoc types, only node built-ins (the `mongodb` driver is imported
// lazily, in the mongod branch only).

import { Buffer } from "node:buffer";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { setInterval, clearInterval } from "node:timers";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

/** The exact SecantusDB release we install (every release is a beta; `pip index versions` needs `--pre`). */
export const SECANTUS_VERSION = "0.7.0b3";

/** Repository root: two levels up from scripts/lib. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Where SecantusDB's virtual environment lives (`.venv/` is gitignored). */
export const SECANTUS_VENV = path.join(REPO_ROOT, ".venv", "secantus");

const HOST = "127.0.0.1";
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const INSTALL_LOCK_TIMEOUT_MS = 10 * 60_000;

/**
 * @typedef {object} ProvisionedDatabase
 * @property {string} uri  MongoDB connection string; multi-document transactions work with it.
 * @property {'external'|'mongod'|'secantus'} kind  Which server this is.
 * @property {() => Promise<void>} stop  Stops the server if we started it (idempotent; a no-op for 'external').
 */

/**
 * Finds or starts a MongoDB wire-protocol server.
 *
 * @param {{ dataDir: string, log?: (msg: string) => void }} opts
 *   dataDir: folder for the server's files (created if missing); a relative path is taken from the
 *   repository root, e.g. `.dev/db` for dev and `.dev/test-db` for tests.
 *   log: progress messages (default: stderr, prefixed with `[database]`).
 * @returns {Promise<ProvisionedDatabase>}
 */
export async function provisionDatabase(opts) {
  const log = opts.log ?? ((msg) => process.stderr.write(`[database] ${msg}\n`));

  const external = process.env.MONGODB_URI;
  if (external && external.trim() !== "") {
    log(`using MONGODB_URI (${redact(external)})`);
    return { uri: external, kind: "external", stop: async () => {} };
  }

  if (!opts.dataDir) throw new Error("provisionDatabase: opts.dataDir is required");
  const dataDir = path.resolve(REPO_ROOT, opts.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });

  const mongod = findOnPath("mongod");
  if (mongod) return startMongod(mongod, dataDir, log);

  const secantusd = await ensureSecantus(log);
  return startSecantus(secantusd, dataDir, log);
}

// ---------------------------------------------------------------------------------------------------
// Errors

/**
 * The error for "no database can be had": says what to install or which variable to set.
 * @param {string} cause
 */
export function noDatabaseError(cause) {
  return new Error(
    [
      "No MongoDB server is available for the dev stack and tests. Do one of:",
      "  - set MONGODB_URI to a MongoDB 7/8 replica set, e.g. MONGODB_URI='mongodb://127.0.0.1:27017/?replicaSet=rs0';",
      "  - install mongod (MongoDB 7 or 8) so that it is on PATH;",
      "  - install Python 3 with venv and pip (Debian/Ubuntu: `apt-get install python3 python3-venv`),",
      `    so SecantusDB ${SECANTUS_VERSION} can be installed from PyPI into .venv/secantus (needs access to PyPI).`,
      `Cause: ${cause}`,
    ].join("\n"),
  );
}

/**
 * A path relative to the repository root when inside it, else absolute.
 * @param {string} p
 */
function display(p) {
  const rel = path.relative(REPO_ROOT, p);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : p;
}

/** @param {string} uri */
function redact(uri) {
  return uri.replace(/\/\/([^@/]*)@/, "//***@");
}

// ---------------------------------------------------------------------------------------------------
// Small helpers (exported for the unit test)

/**
 * The absolute path of an executable on PATH, or undefined.
 * @param {string} name
 * @param {string} [searchPath]
 * @returns {string|undefined}
 */
export function findOnPath(name, searchPath = process.env.PATH ?? "") {
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

/**
 * A TCP port on 127.0.0.1 that is free right now: `preferred` if it is, else one the OS picks.
 * @param {number} [preferred]
 * @returns {Promise<number>}
 */
export async function freePort(preferred) {
  if (preferred && preferred > 0 && preferred < 65536) {
    const port = await tryListen(preferred);
    if (port) return port;
  }
  const port = await tryListen(0);
  if (!port) throw new Error("could not find a free TCP port on 127.0.0.1");
  return port;
}

/**
 * @param {number} port
 * @returns {Promise<number|undefined>}
 */
function tryListen(port) {
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

/**
 * The last `n` non-empty lines of a text file ("" if it can't be read).
 * @param {string} file
 * @param {number} [n]
 */
export function lastLines(file, n = 20) {
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

/**
 * Is a process with this pid alive?
 * @param {number} pid
 */
function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    return /** @type {NodeJS.ErrnoException} */ (err).code === "EPERM";
  }
  try {
    // A zombie (dead, not yet reaped) still answers kill(pid, 0).
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no /proc (macOS): trust kill()
  }
}

/**
 * The command line of a process ("" if unknown).
 * @param {number} pid
 */
function commandLineOf(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    const r = spawnSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" });
    return r.status === 0 ? r.stdout.trim() : "";
  }
}

/**
 * Waits until a pid is gone, up to `ms`.
 * @param {number} pid
 * @param {number} ms
 */
async function waitGone(pid, ms) {
  const deadline = Date.now() + ms;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  return !isAlive(pid);
}

// ---------------------------------------------------------------------------------------------------
// Running a server child: detached (Ctrl-C goes to us, and we stop it in order), output to a log file,
// a watchdog that stops it if we die without cleaning up, a pid file to find leftovers from a crash.

/**
 * @typedef {object} ServerHandle
 * @property {import('node:child_process').ChildProcess} child
 * @property {() => Promise<void>} stop
 * @property {() => void} killSync  Last resort from an 'exit' handler: SIGTERM, no waiting.
 * @property {() => boolean} exited
 * @property {string} name
 * @property {(msg: string) => void} log
 */

/** @type {Set<ServerHandle>} */
const running = new Set();

/**
 * Stops a leftover server of ours that still uses this data folder (its owner died), or refuses if a
 * live process owns it.
 * @param {string} pidFile
 * @param {string} binaryName
 * @param {(msg: string) => void} log
 */
async function reclaimDataDir(pidFile, binaryName, log) {
  /** @type {{ pid?: number, owner?: number }} */
  let previous;
  try {
    previous = JSON.parse(fs.readFileSync(pidFile, "utf8"));
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

/**
 * @param {{ name: string, command: string, args: string[], cwd: string, logFile: string, pidFile: string, port: number, log: (msg: string) => void }} spec
 * @returns {ServerHandle}
 */
function startServer(spec) {
  const out = fs.openSync(spec.logFile, "w");
  /** @type {import('node:child_process').ChildProcess} */
  let child;
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
  /** @type {import('node:child_process').ChildProcess|undefined} */
  let watchdog;
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
      /** @type {{ unref?: () => void } | null} */ (watchdog.stdin)?.unref?.();
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

  /** @type {Promise<void>|undefined} */
  let stopping;
  /** @type {ServerHandle} */
  const handle = {
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

/** @type {Map<NodeJS.Signals, () => void>} */
const signalHandlers = new Map();
let hooksInstalled = false;

function killAllSync() {
  for (const handle of running) handle.killSync();
}

function onProcessExit() {
  // Only synchronous work is possible here; the watchdog escalates to SIGKILL if needed.
  killAllSync();
}

function installProcessHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on("exit", onProcessExit);
  for (const signal of /** @type {NodeJS.Signals[]} */ (["SIGINT", "SIGTERM", "SIGHUP"])) {
    let received = 0;
    const handler = () => {
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
      Promise.allSettled([...running].map((h) => h.stop())).finally(() => {
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

/**
 * @param {NodeJS.Signals} signal
 * @param {() => void} handler
 */
function reraise(signal, handler) {
  process.removeListener(signal, handler);
  signalHandlers.delete(signal);
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function removeProcessHooks() {
  if (!hooksInstalled) return;
  hooksInstalled = false;
  process.removeListener("exit", onProcessExit);
  for (const [signal, handler] of signalHandlers) process.removeListener(signal, handler);
  signalHandlers.clear();
}

/**
 * Waits until `pattern` appears in the log file, the child exits, or the timeout passes.
 * @param {ServerHandle} handle
 * @param {string} logFile
 * @param {RegExp} pattern
 * @param {number} timeoutMs
 * @returns {Promise<'ready'|'exited'|'timeout'>}
 */
async function waitForLog(handle, logFile, pattern, timeoutMs) {
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

/**
 * @param {string} file
 * @returns {number|undefined}
 */
function previousPort(file) {
  try {
    const port = Number(JSON.parse(fs.readFileSync(file, "utf8")).port);
    return Number.isInteger(port) && port > 0 ? port : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------
// SecantusDB

/**
 * The installed SecantusDB version in the venv, or undefined.
 * @param {string} venv
 */
function installedSecantusVersion(venv) {
  const python = path.join(venv, "bin", "python");
  if (!fs.existsSync(python)) return undefined;
  const r = spawnSync(
    python,
    ["-c", "import importlib.metadata as m; print(m.version('SecantusDB'))"],
    { encoding: "utf8", timeout: 15_000 },
  );
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** @param {string} venv */
function secantusReady(venv) {
  return (
    fs.existsSync(path.join(venv, "bin", "secantusd-py")) && installedSecantusVersion(venv) === SECANTUS_VERSION
  );
}

/**
 * Makes sure the pinned SecantusDB is installed in the project venv; returns the path of secantusd-py.
 * @param {(msg: string) => void} log
 * @param {string} [venv]
 * @returns {Promise<string>}
 */
export async function ensureSecantus(log, venv = SECANTUS_VENV) {
  const daemon = path.join(venv, "bin", "secantusd-py");
  if (secantusReady(venv)) return daemon;
  fs.mkdirSync(path.dirname(venv), { recursive: true });
  await withLock(`${venv}.lock`, log, async () => {
    if (secantusReady(venv)) return; // another run installed it while we waited
    await installSecantus(venv, log);
  });
  return daemon;
}

/**
 * @param {string} venv
 * @param {(msg: string) => void} log
 */
async function installSecantus(venv, log) {
  const rel = display(venv);
  const python3 = findOnPath("python3");
  if (!python3) throw noDatabaseError("no mongod and no python3 on PATH, and MONGODB_URI is not set.");

  const started = Date.now();
  log(
    `SecantusDB ${SECANTUS_VERSION} (a MongoDB-compatible server, used because no mongod is on PATH and ` +
      `MONGODB_URI is not set) is not installed yet: installing it into ${rel} from PyPI. ` +
      `This happens once and takes about 20 s.`,
  );

  const ticker = setInterval(
    () => log(`still installing SecantusDB (${Math.round((Date.now() - started) / 1000)} s)...`),
    10_000,
  );
  ticker.unref();
  try {
    await createVenvAndInstall(venv, rel, python3);
  } finally {
    clearInterval(ticker);
  }
  log(`SecantusDB ${SECANTUS_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * @param {string} venv
 * @param {string} rel
 * @param {string} python3
 */
async function createVenvAndInstall(venv, rel, python3) {
  const venvPython = path.join(venv, "bin", "python");
  const venvWorks =
    fs.existsSync(venvPython) && spawnSync(venvPython, ["-c", "pass"], { timeout: 15_000 }).status === 0;
  if (!venvWorks) {
    fs.rmSync(venv, { recursive: true, force: true });
    const made = await run(python3, ["-m", "venv", venv]);
    if (made.code !== 0) {
      fs.rmSync(venv, { recursive: true, force: true });
      throw noDatabaseError(
        `\`python3 -m venv ${rel}\` failed (on Debian/Ubuntu the venv module is the python3-venv package):\n` +
          tail(made.output),
      );
    }
  }

  const args = ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--only-binary=:all:", `SecantusDB==${SECANTUS_VERSION}`];
  const installed = await run(venvPython, args);
  if (installed.code !== 0 || !secantusReady(venv)) {
    throw noDatabaseError(`\`${rel}/bin/python ${args.join(" ")}\` failed:\n${tail(installed.output)}`);
  }
}

/** @param {string} text */
function tail(text, n = 15) {
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .slice(-n)
    .map((l) => `    ${l}`)
    .join("\n");
}

/**
 * Runs a command to completion, collecting its output.
 * @param {string} command
 * @param {string[]} args
 * @returns {Promise<{ code: number, output: string }>}
 */
function run(command, args) {
  return new Promise((resolve) => {
    /** @type {string[]} */
    const chunks = [];
    const child = spawn(command, args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: "1" },
    });
    child.stdout?.on("data", (d) => chunks.push(String(d)));
    child.stderr?.on("data", (d) => chunks.push(String(d)));
    child.once("error", (err) => resolve({ code: -1, output: `${chunks.join("")}\n${err.message}` }));
    child.once("close", (code) => resolve({ code: code ?? -1, output: chunks.join("") }));
  });
}

/**
 * Runs `fn` holding a lock directory, so two first runs at once don't both install. A lock whose
 * owner process is gone is taken over.
 * @param {string} lockDir
 * @param {(msg: string) => void} log
 * @param {() => Promise<void>} fn
 */
export async function withLock(lockDir, log, fn) {
  const ownerFile = path.join(lockDir, "owner");
  const deadline = Date.now() + INSTALL_LOCK_TIMEOUT_MS;
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(ownerFile, String(process.pid));
      break;
    } catch (err) {
      if (/** @type {NodeJS.ErrnoException} */ (err).code !== "EEXIST") throw err;
    }
    let stale = false;
    try {
      const owner = Number(fs.readFileSync(ownerFile, "utf8"));
      stale = !isAlive(owner);
    } catch {
      // owner file not written yet (or lost): stale only if the lock is old
      try {
        stale = Date.now() - fs.statSync(lockDir).mtimeMs > 60_000;
      } catch {
        stale = false; // lock just went away: retry
      }
    }
    if (stale) {
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${lockDir} (another install running?); remove it if it is stale`);
    }
    if (!announced) {
      log("another process is installing SecantusDB; waiting for it to finish...");
      announced = true;
    }
    await sleep(500);
  }
  try {
    await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Starts secantusd-py on a free port; ready when its log says it is listening.
 * @param {string} daemon
 * @param {string} dataDir
 * @param {(msg: string) => void} log
 * @returns {Promise<ProvisionedDatabase>}
 */
async function startSecantus(daemon, dataDir, log) {
  const storage = path.join(dataDir, "secantus");
  const logFile = path.join(dataDir, "secantus.log");
  const pidFile = path.join(dataDir, "secantus.pid");
  // It reads ./secantusd.toml, ~/.secantus/secantusd.toml and /etc/secantus/secantusd.toml when not
  // given --config. We give it this empty one (and run it in the data folder) so nothing stray applies.
  const config = path.join(dataDir, "secantusd.toml");
  if (!fs.existsSync(config)) {
    fs.writeFileSync(
      config,
      "# Left empty on purpose: scripts/lib/database.mjs passes every setting as a flag and points\n" +
        "# --config here so that no other secantusd.toml (home folder, /etc) is picked up.\n",
    );
  }
  await reclaimDataDir(pidFile, "secantusd", log);

  let lastFailure = "";
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort(previousPort(path.join(dataDir, "secantus.port.json")));
    const started = Date.now();
    const handle = startServer({
      name: "secantusd",
      command: daemon,
      args: [
        "--config", config,
        "--host", HOST,
        "--port", String(port),
        "--storage-path", storage,
        "--log-level", "INFO",
      ],
      cwd: dataDir,
      logFile,
      pidFile,
      port,
      log,
    });
    const escaped = `${HOST}:${port}`.replace(/\./g, "\\.");
    const outcome = await waitForLog(handle, logFile, new RegExp(`secantus listening on ${escaped}\\b`), READY_TIMEOUT_MS);
    if (outcome === "ready") {
      fs.writeFileSync(path.join(dataDir, "secantus.port.json"), JSON.stringify({ port }) + "\n");
      const uri = `mongodb://${HOST}:${port}/?directConnection=true`;
      log(
        `SecantusDB ${SECANTUS_VERSION} ready in ${Date.now() - started} ms at ${uri} ` +
          `(data: ${display(storage)}, log: ${display(logFile)})`,
      );
      return { uri, kind: "secantus", stop: handle.stop };
    }
    const lines = lastLines(logFile);
    await handle.stop();
    lastFailure =
      outcome === "timeout"
        ? `secantusd-py did not report "secantus listening on ${HOST}:${port}" within ${READY_TIMEOUT_MS / 1000} s.`
        : `secantusd-py exited (code ${handle.child.exitCode ?? handle.child.signalCode}) before it was ready.`;
    lastFailure += `\nLast lines of ${logFile}:\n${lines.replace(/^/gm, "    ")}`;
    if (outcome === "exited" && /address already in use|errno 98|EADDRINUSE/i.test(lines)) continue; // lost a port race
    break;
  }
  throw new Error(`Could not start SecantusDB: ${lastFailure}`);
}

// ---------------------------------------------------------------------------------------------------
// mongod

/**
 * Starts mongod as a one-node replica set (initiated on first start) on a free port.
 * @param {string} mongod
 * @param {string} dataDir
 * @param {(msg: string) => void} log
 * @returns {Promise<ProvisionedDatabase>}
 */
async function startMongod(mongod, dataDir, log) {
  /** @type {typeof import('mongodb')} */
  let driver;
  try {
    driver = await import("mongodb");
  } catch (err) {
    throw new Error(`the mongodb driver is needed to set up mongod; run \`npm install\` first (${String(err)})`);
  }
  const dbpath = path.join(dataDir, "mongod");
  const logFile = path.join(dataDir, "mongod.log");
  const outFile = path.join(dataDir, "mongod.out.log");
  const pidFile = path.join(dataDir, "mongod.pid");
  fs.mkdirSync(dbpath, { recursive: true });
  await reclaimDataDir(pidFile, "mongod", log);

  const port = await freePort(previousPort(path.join(dataDir, "mongod.port.json")));
  const host = `${HOST}:${port}`;
  const started = Date.now();
  log(`starting ${mongod} on ${host} (data: ${display(dbpath)})`);
  const handle = startServer({
    name: "mongod",
    command: mongod,
    args: [
      "--bind_ip", HOST,
      "--port", String(port),
      "--dbpath", dbpath,
      "--replSet", "rs0",
      "--quiet",
      "--logpath", logFile,
      "--logappend",
    ],
    cwd: dataDir,
    logFile: outFile,
    pidFile,
    port,
    log,
  });

  /** @param {string} why */
  const fail = async (why) => {
    const lines = [lastLines(outFile, 10), lastLines(logFile, 10)].filter(Boolean).join("\n");
    await handle.stop();
    return new Error(`Could not start mongod: ${why}\nLast log lines (${logFile}):\n${lines.replace(/^/gm, "    ")}`);
  };

  const direct = `mongodb://${host}/?directConnection=true`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  /** @type {import('mongodb').MongoClient|undefined} */
  let client;
  while (!client) {
    if (handle.exited()) throw await fail(`mongod exited (code ${handle.child.exitCode ?? handle.child.signalCode}).`);
    if (Date.now() > deadline) throw await fail(`it did not accept connections within ${READY_TIMEOUT_MS / 1000} s.`);
    const attempt = new driver.MongoClient(direct, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
    try {
      await attempt.connect();
      await attempt.db("admin").command({ ping: 1 });
      client = attempt;
    } catch {
      await attempt.close().catch(() => {});
      await sleep(200);
    }
  }

  let setName = "rs0";
  try {
    const admin = client.db("admin");
    try {
      const status = await admin.command({ replSetGetStatus: 1 });
      const self = Array.isArray(status.members) ? status.members.find((m) => m.self) : undefined;
      if (!self || self.name !== host) await reconfigureHost(admin, host, log);
    } catch (err) {
      const code = /** @type {{ code?: number }} */ (err).code;
      if (code === 94 /* NotYetInitialized */) {
        log("initiating the one-node replica set rs0 (first start of this data folder)");
        await admin.command({ replSetInitiate: { _id: "rs0", members: [{ _id: 0, host }] } });
      } else if (code === 93 /* InvalidReplicaSetConfig: not a member, e.g. the port changed */) {
        await reconfigureHost(admin, host, log);
      } else {
        throw err;
      }
    }
    for (;;) {
      const hello = await admin.command({ hello: 1 });
      if (hello.isWritablePrimary) {
        if (typeof hello.setName === "string") setName = hello.setName;
        break;
      }
      if (Date.now() > deadline) throw new Error("it did not become replica-set primary in time.");
      await sleep(200);
    }
  } catch (err) {
    await client.close().catch(() => {});
    throw await fail(err instanceof Error ? err.message : String(err));
  }
  await client.close();

  fs.writeFileSync(path.join(dataDir, "mongod.port.json"), JSON.stringify({ port }) + "\n");
  const uri = `mongodb://${host}/?replicaSet=${encodeURIComponent(setName)}&directConnection=true`;
  log(`mongod ready in ${Date.now() - started} ms at ${uri}`);
  return { uri, kind: "mongod", stop: handle.stop };
}

/**
 * The stored replica-set config names another host:port (the data folder was last used on another
 * port): point the only member at this one.
 * @param {import('mongodb').Db} admin
 * @param {string} host
 * @param {(msg: string) => void} log
 */
async function reconfigureHost(admin, host, log) {
  log(`pointing replica set member at ${host} (port changed since the last start)`);
  const { config } = await admin.command({ replSetGetConfig: 1 });
  const [first] = config.members;
  config.members = [{ ...first, host }];
  config.version += 1;
  await admin.command({ replSetReconfig: config, force: true });
}

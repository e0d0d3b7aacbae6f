// SecantusDB from PyPI, pinned, installed once into <repo>/.venv/secantus and started as a daemon: the
// database when neither MONGODB_URI nor a `mongod` on PATH is there.

import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { setInterval, clearInterval } from "node:timers";
import { setTimeout as sleep } from "node:timers/promises";
import { REPO_ROOT } from "../paths.js";
import type { ProvisionedDatabase } from "./index.js";
import { HOST, READY_TIMEOUT_MS, display, findOnPath, freePort, isAlive, lastLines, previousPort, reclaimDataDir, type Log } from "./processes.js";
import { startServer, waitForLog } from "./server.js";

/** The exact SecantusDB release we install (every release is a beta; `pip index versions` needs `--pre`). */
export const SECANTUS_VERSION = "0.7.0b3";

/** Where SecantusDB's virtual environment lives (`.venv/` is gitignored). */
export const SECANTUS_VENV = path.join(REPO_ROOT, ".venv", "secantus");

const INSTALL_LOCK_TIMEOUT_MS = 10 * 60_000;

/** The error for "no database can be had": says what to install or which variable to set. */
export function noDatabaseError(cause: string): Error {
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

/** The installed SecantusDB version in the venv, or undefined. */
function installedSecantusVersion(venv: string): string | undefined {
  const python = path.join(venv, "bin", "python");
  if (!fs.existsSync(python)) return undefined;
  const r = spawnSync(
    python,
    ["-c", "import importlib.metadata as m; print(m.version('SecantusDB'))"],
    { encoding: "utf8", timeout: 15_000 },
  );
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function secantusReady(venv: string): boolean {
  return (
    fs.existsSync(path.join(venv, "bin", "secantusd-py")) && installedSecantusVersion(venv) === SECANTUS_VERSION
  );
}

/** Makes sure the pinned SecantusDB is installed in the project venv; returns the path of secantusd-py. */
export async function ensureSecantus(log: Log, venv: string = SECANTUS_VENV): Promise<string> {
  const daemon = path.join(venv, "bin", "secantusd-py");
  if (secantusReady(venv)) return daemon;
  fs.mkdirSync(path.dirname(venv), { recursive: true });
  await withLock(`${venv}.lock`, log, async () => {
    if (secantusReady(venv)) return; // another run installed it while we waited
    await installSecantus(venv, log);
  });
  return daemon;
}

async function installSecantus(venv: string, log: Log): Promise<void> {
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

async function createVenvAndInstall(venv: string, rel: string, python3: string): Promise<void> {
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

function tail(text: string, n = 15): string {
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .slice(-n)
    .map((l) => `    ${l}`)
    .join("\n");
}

/** Runs a command to completion, collecting its output. */
function run(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const chunks: string[] = [];
    const child = spawn(command, args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: "1" },
    });
    child.stdout?.on("data", (d: unknown) => chunks.push(String(d)));
    child.stderr?.on("data", (d: unknown) => chunks.push(String(d)));
    child.once("error", (err) => resolve({ code: -1, output: `${chunks.join("")}\n${err.message}` }));
    child.once("close", (code) => resolve({ code: code ?? -1, output: chunks.join("") }));
  });
}

/**
 * Runs `fn` holding a lock directory, so two first runs at once don't both install. A lock whose
 * owner process is gone is taken over.
 */
export async function withLock(lockDir: string, log: Log, fn: () => Promise<void>): Promise<void> {
  const ownerFile = path.join(lockDir, "owner");
  const deadline = Date.now() + INSTALL_LOCK_TIMEOUT_MS;
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(ownerFile, String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
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

/** Starts secantusd-py on a free port; ready when its log says it is listening. */
export async function startSecantus(daemon: string, dataDir: string, log: Log): Promise<ProvisionedDatabase> {
  const storage = path.join(dataDir, "secantus");
  const logFile = path.join(dataDir, "secantus.log");
  const pidFile = path.join(dataDir, "secantus.pid");
  // It reads ./secantusd.toml, ~/.secantus/secantusd.toml and /etc/secantus/secantusd.toml when not
  // given --config. We give it this empty one (and run it in the data folder) so nothing stray applies.
  const config = path.join(dataDir, "secantusd.toml");
  if (!fs.existsSync(config)) {
    fs.writeFileSync(
      config,
      "# Left empty on purpose: scripts/lib/database/secantus.ts passes every setting as a flag and points\n" +
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
      // Without the driver's retryable writes: SecantusDB keeps a record of each one for 30 minutes and, on
      // every write, scans them and, past 10,000, sorts them all (secantus/transactions.py,
      // _prune_retryable_locked). Under steady load the graph's writes (the access ledger's) fill it in about
      // two minutes, and from then on that sort was a third of the server's time: the member dashboard's p95
      // went from 90 ms to 1.5 s (npm run reliability's soak, profiled with py-spy). A retried request is made
      // safe by our idempotency keys, not by the driver; production's MongoDB keeps retryable writes.
      const uri = `mongodb://${HOST}:${port}/?directConnection=true&retryWrites=false`;
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

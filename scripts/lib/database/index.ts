// Provisions the MongoDB wire-protocol server that `npm start` and `npm test` run against.
// See docs/architecture.md, "The database, here and in production". In this order:
//   1. MONGODB_URI when set (any real MongoDB): used as is, never stopped by us;
//   2. a `mongod` on PATH: started on 127.0.0.1 as a one-node replica set `rs0` (transactions need one);
//   3. SecantusDB from PyPI, pinned, installed once into <repo>/.venv/secantus and started as a daemon.
// Servers we start are stopped by `stop()`, and also when this process ends (normally, on Ctrl-C /
// SIGTERM / SIGHUP, on an uncaught exception) and, through a small watchdog, even if it is killed with
// SIGKILL. Only node built-ins (the `mongodb` driver is imported lazily, in the mongod branch only).
//
// By concern: processes.ts (executables, ports, pids, logs), server.ts (running a server child and
// stopping it), secantus.ts (install and start SecantusDB), mongod.ts (the mongod branch).

import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../paths.js";
import { startMongod } from "./mongod.js";
import { findOnPath, type Log } from "./processes.js";
import { ensureSecantus, startSecantus } from "./secantus.js";

export { REPO_ROOT } from "../paths.js";
export { SECANTUS_VENV, SECANTUS_VERSION, noDatabaseError } from "./secantus.js";

export interface ProvisionedDatabase {
  /** MongoDB connection string; multi-document transactions work with it. */
  uri: string;
  /** Which server this is. */
  kind: "external" | "mongod" | "secantus";
  /** Stops the server if we started it (idempotent; a no-op for 'external'). */
  stop: () => Promise<void>;
}

export interface ProvisionOptions {
  /**
   * Folder for the server's files (created if missing); a relative path is taken from the repository
   * root, e.g. `.dev/db` for dev and `.dev/test-db` for tests.
   */
  dataDir: string;
  /** Progress messages (default: stderr, prefixed with `[database]`). */
  log?: Log;
}

/** Finds or starts a MongoDB wire-protocol server. */
export async function provisionDatabase(opts: ProvisionOptions): Promise<ProvisionedDatabase> {
  const log = opts.log ?? ((msg: string) => process.stderr.write(`[database] ${msg}\n`));

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

function redact(uri: string): string {
  return uri.replace(/\/\/([^@/]*)@/, "//***@");
}

// The database server the benchmarks run on: where they keep it, how they name it in their figures (the
// figures that depend on it carry its name), its process, and the databases an interrupted run left behind.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { MongoClient } from "mongodb";
import type { ProvisionedDatabase } from "../lib/database/index.js";
import { REPO_ROOT } from "../lib/paths.js";

/** The benchmarks' own server's data folder (provisionDatabase's dataDir), apart from `npm start`'s and the tests'. */
export const BENCH_DB_DIR = ".dev/bench-db";

/** "SecantusDB 0.7.0b3", "MongoDB 8.0.4", or "unknown": what serverStatus says the server is. */
export async function serverVersion(client: MongoClient): Promise<string> {
  const status = await client.db("admin").command({ serverStatus: 1 });
  const secantus = status["secantus"] as { version?: unknown } | undefined;
  if (typeof secantus?.version === "string") return `SecantusDB ${secantus.version}`;
  return typeof status["version"] === "string" ? `MongoDB ${status["version"]}` : "unknown";
}

/** The database server's pid when it runs on this machine and we started it (from its pid file in `dataDir`). */
export function databasePid(db: ProvisionedDatabase, dataDir = BENCH_DB_DIR): number | undefined {
  if (db.kind === "external") return undefined;
  const pidFile = join(REPO_ROOT, dataDir, db.kind === "mongod" ? "mongod.pid" : "secantus.pid");
  if (!existsSync(pidFile)) return undefined;
  try {
    const pid = Number((JSON.parse(readFileSync(pidFile, "utf8")) as { pid?: unknown }).pid);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Drops the `bench_*` databases an interrupted run left, on our own server only (its data folder is ours);
 * on a server given by MONGODB_URI nothing is dropped that this run did not create.
 */
export async function dropLeftoverBenchDatabases(client: MongoClient, db: ProvisionedDatabase, log: (message: string) => void): Promise<void> {
  if (db.kind === "external") return;
  const { databases } = await client.db("admin").admin().listDatabases({ nameOnly: true });
  for (const { name } of databases) {
    if (!name.startsWith("bench_")) continue;
    log(`dropping ${name}, left by an interrupted run`);
    await client.db(name).dropDatabase();
  }
}

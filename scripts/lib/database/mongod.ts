// A `mongod` on PATH: started on 127.0.0.1 as a one-node replica set `rs0` (transactions need one).
// The `mongodb` driver is imported lazily, here only, so the other branches need nothing but node built-ins.

import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type * as mongodb from "mongodb";
import type { Db, Document, MongoClient } from "mongodb";
import type { ProvisionedDatabase } from "./index.js";
import { HOST, READY_TIMEOUT_MS, display, freePort, lastLines, previousPort, reclaimDataDir, type Log } from "./processes.js";
import { startServer } from "./server.js";

/** Starts mongod as a one-node replica set (initiated on first start) on a free port. */
export async function startMongod(mongod: string, dataDir: string, log: Log): Promise<ProvisionedDatabase> {
  let driver: typeof mongodb;
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

  const fail = async (why: string): Promise<Error> => {
    const lines = [lastLines(outFile, 10), lastLines(logFile, 10)].filter(Boolean).join("\n");
    await handle.stop();
    return new Error(`Could not start mongod: ${why}\nLast log lines (${logFile}):\n${lines.replace(/^/gm, "    ")}`);
  };

  const direct = `mongodb://${host}/?directConnection=true`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let client: MongoClient | undefined;
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
      const members: unknown = status.members;
      const self = Array.isArray(members)
        ? (members as { self?: boolean; name?: string }[]).find((m) => m.self)
        : undefined;
      if (!self || self.name !== host) await reconfigureHost(admin, host, log);
    } catch (err) {
      const code = (err as { code?: number }).code;
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
      const hello = (await admin.command({ hello: 1 })) as { isWritablePrimary?: boolean; setName?: unknown };
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
 */
async function reconfigureHost(admin: Db, host: string, log: Log): Promise<void> {
  log(`pointing replica set member at ${host} (port changed since the last start)`);
  const { config } = (await admin.command({ replSetGetConfig: 1 })) as { config: { members: Document[]; version: number } };
  const [first] = config.members;
  config.members = [{ ...first, host }];
  config.version += 1;
  await admin.command({ replSetReconfig: config, force: true });
}

// Unit tests for the parts of scripts/lib/database/ that need no database server:
// `node --import tsx --test scripts/lib/database/database.test.ts`.
import assert from "node:assert/strict";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, describe, it } from "node:test";

import { SECANTUS_VERSION, noDatabaseError, provisionDatabase } from "./index.js";
import { findOnPath, freePort, lastLines } from "./processes.js";
import { withLock } from "./secantus.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "database-test-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("database", () => {
  it("pins SecantusDB 0.7.0b3", () => {
    assert.equal(SECANTUS_VERSION, "0.7.0b3");
  });

  it("uses MONGODB_URI as is when set, without touching the data folder", async () => {
    const saved = process.env.MONGODB_URI;
    process.env.MONGODB_URI = "mongodb://db.example:27017/?replicaSet=rs0";
    try {
      const dataDir = path.join(tmp, "never-created");
      const messages: string[] = [];
      const db = await provisionDatabase({ dataDir, log: (m) => messages.push(m) });
      assert.equal(db.kind, "external");
      assert.equal(db.uri, "mongodb://db.example:27017/?replicaSet=rs0");
      await db.stop();
      assert.equal(fs.existsSync(dataDir), false);
      assert.equal(messages.length, 1);
    } finally {
      if (saved === undefined) delete process.env.MONGODB_URI;
      else process.env.MONGODB_URI = saved;
    }
  });

  it("finds executables on a PATH and only executables", () => {
    const bin = path.join(tmp, "bin");
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, "fake-mongod"), "#!/bin/sh\n", { mode: 0o755 });
    fs.writeFileSync(path.join(bin, "not-executable"), "", { mode: 0o644 });
    fs.mkdirSync(path.join(bin, "a-directory"));
    const searchPath = ["", path.join(tmp, "missing"), bin].join(path.delimiter);
    assert.equal(findOnPath("fake-mongod", searchPath), path.join(bin, "fake-mongod"));
    assert.equal(findOnPath("not-executable", searchPath), undefined);
    assert.equal(findOnPath("a-directory", searchPath), undefined);
    assert.equal(findOnPath("sh") !== undefined, true);
  });

  it("finds a free port, the preferred one when it is free, another when it is taken", async () => {
    const port = await freePort();
    assert.ok(port > 0 && port < 65536);
    assert.equal(await freePort(port), port);

    const server = net.createServer();
    await new Promise((resolve) => server.listen({ host: "127.0.0.1", port }, () => resolve(undefined)));
    try {
      const other = await freePort(port);
      assert.notEqual(other, port);
    } finally {
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    }
  });

  it("reads the last non-empty lines of a log", () => {
    const file = path.join(tmp, "server.log");
    fs.writeFileSync(file, "one\ntwo\n\nthree\nfour\n");
    assert.equal(lastLines(file, 2), "three\nfour");
    assert.equal(lastLines(path.join(tmp, "no-such.log")), "");
  });

  it("says what to install or set when no database can be had", () => {
    const message = noDatabaseError("pip failed").message;
    for (const needle of ["MONGODB_URI", "mongod", "python3-venv", SECANTUS_VERSION, "Cause: pip failed"]) {
      assert.ok(message.includes(needle), `message mentions ${needle}`);
    }
  });

  it("lets one holder of the install lock in at a time", async () => {
    const lock = path.join(tmp, "install.lock");
    let inside = 0;
    let maxInside = 0;
    const order: string[] = [];
    const holder = (name: string) =>
      withLock(lock, () => {}, async () => {
        inside += 1;
        maxInside = Math.max(maxInside, inside);
        order.push(name);
        await sleep(300);
        inside -= 1;
      });
    await Promise.all([holder("a"), holder("b")]);
    assert.equal(maxInside, 1);
    assert.deepEqual([...order].sort(), ["a", "b"]);
    assert.equal(fs.existsSync(lock), false);
  });

  it("takes over a lock left by a process that is gone", async () => {
    const lock = path.join(tmp, "stale.lock");
    fs.mkdirSync(lock);
    fs.writeFileSync(path.join(lock, "owner"), "999999999");
    let ran = false;
    await withLock(lock, () => {}, async () => {
      ran = true;
    });
    assert.equal(ran, true);
  });
});

import type { Connection } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerHeadModel, ledgerModel, verifyChain, type AuditEvent, type LedgerModel } from "../src/audit.js";
import { LedgerAppender } from "../src/ledger-appender.js";
import { ensureIndexes } from "../src/mongo/connection.js";
import { testDatabase } from "../src/testing/database.js";

let database: { connection: Connection; drop(): Promise<void> };
let model: LedgerModel;
beforeAll(async () => {
  database = await testDatabase("ledger");
  model = ledgerModel(database.connection);
  await ensureIndexes([model]);
});
afterAll(() => database?.drop());

const event = (n: number): AuditEvent => ({
  at: new Date(),
  requestId: `request-${n}`,
  operation: "MemberHome",
  actor: { subject: `user-agent-${n}`, role: "AGENT" },
  action: "MEMBER_READ",
  subjectMemberId: "5e05a0000000000000000001",
  purpose: "Consulta telefónica",
});

describe("the access ledger's chains", () => {
  it("stay unbroken when two processes (two appenders) append to one chain at once", async () => {
    // Two appenders of one chain stand for two replicas of one subgraph.
    const [a, b] = [new LedgerAppender(model, "replicated"), new LedgerAppender(model, "replicated")];
    await Promise.all(Array.from({ length: 30 }, (_, n) => (n % 2 ? a : b).append([event(n), event(n + 100)])));
    const check = await verifyChain(model, "replicated");
    expect(check).toEqual({ chain: "replicated", entries: 60, valid: true, firstBad: null });
  });

  it("stay unbroken when two replicas keeping the chain's head take turns, each starting from a stale head", async () => {
    const heads = ledgerHeadModel(database.connection.useDb(`${database.connection.name}_turns`));
    const [a, b] = [new LedgerAppender(model, "turns", heads), new LedgerAppender(model, "turns", heads)];
    for (let n = 0; n < 10; n += 1) await (n % 2 ? a : b).append([event(n), event(n + 100)]);
    await Promise.all(Array.from({ length: 20 }, (_, n) => (n % 2 ? a : b).append([event(n)])));
    expect(await verifyChain(model, "turns", await heads.findById("turns").lean().exec())).toEqual({ chain: "turns", entries: 40, valid: true, firstBad: null });
    await database.connection.useDb(`${database.connection.name}_turns`).dropDatabase();
  });

  it("are read for their head once per process: later batches chain on the head the appender wrote", async () => {
    const lookups: string[] = [];
    const client = database.connection.getClient();
    const listen = (event: { commandName: string; command: Record<string, unknown> }) => {
      if (event.commandName === "find" && event.command["find"] === model.collection.collectionName) lookups.push(event.commandName);
    };
    client.on("commandStarted", listen);
    const appender = new LedgerAppender(model, "cached-head");
    for (let n = 0; n < 4; n += 1) await appender.append([event(n)]);
    client.off("commandStarted", listen);
    expect(lookups).toHaveLength(1);
    expect(await verifyChain(model, "cached-head")).toEqual({ chain: "cached-head", entries: 4, valid: true, firstBad: null });
  });

  it("name the first entry whose content, link or place was changed", async () => {
    const appender = new LedgerAppender(model, "tampered");
    await appender.append([event(1), event(2), event(3), event(4)]);
    await model.updateOne({ _id: "tampered:000000000003" }, { $set: { purpose: "Otra cosa" } });
    expect(await verifyChain(model, "tampered")).toMatchObject({ valid: false, entries: 2, firstBad: { seq: 3 } });

    const reordered = new LedgerAppender(model, "reordered");
    await reordered.append([event(1), event(2)]);
    await model.updateOne({ _id: "reordered:000000000001" }, { $set: { sortKey: "2099-01-01T00:00:00.000Z|x" } });
    expect(await verifyChain(model, "reordered")).toMatchObject({ valid: false, firstBad: { seq: 1 } });

    // An entry slipped in under another id, claiming the chain: shown to members, so it must not verify.
    const forged = new LedgerAppender(model, "forged");
    await forged.append([event(1)]);
    const real = await model.findById("forged:000000000001").lean().exec();
    await model.create([{ ...real!, _id: "x-forged", sortKey: `${real!.at.toISOString()}|x-forged` }]);
    expect(await verifyChain(model, "forged")).toMatchObject({ valid: false, entries: 1, firstBad: { seq: null } });

    // The end cut off and written again: only the head kept elsewhere can tell.
    const heads = ledgerHeadModel(database.connection.useDb(`${database.connection.name}_heads`));
    const rewritten = new LedgerAppender(model, "rewritten", heads);
    await rewritten.append([event(1), event(2), event(3)]);
    const head = await heads.findById("rewritten").lean().exec();
    expect(head).toMatchObject({ seq: 3 });
    await model.deleteMany({ chain: "rewritten", seq: { $gte: 2 } });
    expect(await verifyChain(model, "rewritten")).toMatchObject({ valid: true, entries: 1 });
    expect(await verifyChain(model, "rewritten", head)).toMatchObject({ valid: false, firstBad: { seq: 2 } });
    await new LedgerAppender(model, "rewritten").append([event(7), event(8)]);
    expect(await verifyChain(model, "rewritten", head)).toMatchObject({ valid: false, firstBad: { seq: 3, problem: expect.stringMatching(/reescrita/) } });
    await database.connection.useDb(`${database.connection.name}_heads`).dropDatabase();

    const removed = new LedgerAppender(model, "removed");
    await removed.append([event(1), event(2), event(3)]);
    await model.deleteOne({ _id: "removed:000000000002" });
    expect(await verifyChain(model, "removed")).toMatchObject({ valid: false, firstBad: { seq: 3 } });
  });
});

// Does the database we run on (MONGODB_URI: SecantusDB, mongod or a real MongoDB) do what our code relies
// on? Each test checks what a user of the system would notice if it did not (see docs/architecture.md,
// "The database, here and in production"). Self-contained on purpose: only mongoose and the URI.
import { randomBytes } from "node:crypto";
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import mongoose, { Schema, type Connection } from "mongoose";

const uri = process.env.MONGODB_URI;
if (!uri) {
  throw new Error(
    "MONGODB_URI is not set. Run this suite through `npm test` (which provisions a database), or set " +
      "MONGODB_URI to a MongoDB replica set, e.g. mongodb://127.0.0.1:27017/?replicaSet=rs0.",
  );
}
const mongoUri: string = uri;

const dbName = `fidelity_${randomBytes(6).toString("hex")}`;
let conn: Connection;

beforeAll(async () => {
  // No background DDL: mongoose's autoCreate/autoIndex would create collections and indexes while the
  // tests write concurrently, which deadlocked SecantusDB 0.7.0b3 once in CI (a create_collection holding
  // the storage lock). Collections are created explicitly, one at a time, before any traffic, as the
  // services do at start (kit: ensureIndexes).
  conn = mongoose.createConnection(mongoUri, { dbName, serverSelectionTimeoutMS: 10_000, autoCreate: false, autoIndex: false });
  await conn.asPromise();
});

/** A model whose collection exists before the test writes to it. */
async function collectionFor<T>(name: string, schema: Schema<T>) {
  const model = conn.model<T>(name, schema);
  await model.createCollection();
  return model;
}

afterAll(async () => {
  if (!conn) return;
  await conn.dropDatabase();
  await conn.close();
});

// ---- explain() helpers: walk the winning plan, do not string-match ----------------------------------

type PlanNode = { stage: string; indexName?: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every stage of a plan tree, depth first (classic plans, SBE `queryPlan`, sharded `shards[]`). */
function planNodes(node: unknown): PlanNode[] {
  if (Array.isArray(node)) return node.flatMap(planNodes);
  if (!isRecord(node)) return [];
  const out: PlanNode[] = [];
  if (typeof node.stage === "string") {
    out.push({ stage: node.stage, ...(typeof node.indexName === "string" ? { indexName: node.indexName } : {}) });
  }
  for (const key of ["queryPlan", "winningPlan", "inputStage", "inputStages", "outerStage", "innerStage", "shards"]) {
    out.push(...planNodes(node[key]));
  }
  return out;
}

/** The winning plan's stages from an `explain('queryPlanner')` result. */
function winningStages(explain: unknown): PlanNode[] {
  const doc: unknown = Array.isArray(explain) ? explain[0] : explain;
  if (!isRecord(doc) || !isRecord(doc.queryPlanner)) {
    throw new Error(`explain output has no queryPlanner: ${JSON.stringify(doc).slice(0, 500)}`);
  }
  const queryPlanner = doc.queryPlanner;
  const nodes = planNodes(queryPlanner.winningPlan);
  if (nodes.length === 0) {
    throw new Error(`winning plan has no stages: ${JSON.stringify(queryPlanner.winningPlan).slice(0, 500)}`);
  }
  return nodes;
}

function errorCode(err: unknown): unknown {
  return isRecord(err) ? err.code : undefined;
}

// ---- tests --------------------------------------------------------------------------------------------

describe("database fidelity (what our code relies on)", () => {
  it("50 concurrent guarded findOneAndUpdate on one document have exactly one winner", async () => {
    interface Ticket {
      _id: string;
      state: "OPEN" | "TAKEN";
      by?: number;
    }
    const Tickets = await collectionFor<Ticket>(
      "FidelityTicket",
      new Schema<Ticket>({ _id: { type: String, required: true }, state: { type: String, required: true }, by: Number }),
    );
    await Tickets.create({ _id: "ticket-1", state: "OPEN" });

    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        Tickets.findOneAndUpdate(
          { _id: "ticket-1", state: "OPEN" },
          { $set: { state: "TAKEN", by: i } },
          { returnDocument: "after" },
        ).lean(),
      ),
    );

    const winners = results.filter((r): r is NonNullable<typeof r> => r !== null);
    expect(winners).toHaveLength(1);
    const winner = winners[0]!;
    expect(winner.state).toBe("TAKEN");

    const stored = await Tickets.findById("ticket-1").lean();
    expect(stored?.state).toBe("TAKEN");
    expect(stored?.by).toBe(winner.by);
    expect(results.indexOf(winner)).toBe(stored?.by);
  });

  it("200 concurrent $inc give 200 distinct values 1..200 and the counter ends at 200", async () => {
    interface Counter {
      _id: string;
      n: number;
    }
    const Counters = await collectionFor<Counter>(
      "FidelityCounter",
      new Schema<Counter>({ _id: { type: String, required: true }, n: { type: Number, required: true } }),
    );
    await Counters.create({ _id: "radicado", n: 0 });

    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        Counters.findOneAndUpdate({ _id: "radicado" }, { $inc: { n: 1 } }, { returnDocument: "after" }).lean(),
      ),
    );

    const values = results.map((r) => r?.n ?? -1).sort((a, b) => a - b);
    expect(values).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const final = await Counters.findById("radicado").lean();
    expect(final?.n).toBe(200);
  });

  it("a secondary index is used (IXSCAN) for $in of 50 keys and for equality, and returns the right docs", async () => {
    interface Member {
      documentNumber: string;
      plan: number;
      name: string;
    }
    const schema = new Schema<Member>(
      { documentNumber: { type: String, required: true }, plan: { type: Number, required: true }, name: String },
      { autoIndex: false },
    );
    schema.index({ documentNumber: 1 }, { name: "documentNumber_1" });
    const Members = await collectionFor<Member>("FidelityMember", schema);

    const docNo = (i: number): string => `CC${String(1_000_000 + i)}`;
    const total = 2_000;
    await Members.insertMany(
      Array.from({ length: total }, (_, i) => ({ documentNumber: docNo(i), plan: i % 7, name: `Afiliado ${i}` })),
      { ordered: false },
    );
    expect(await Members.countDocuments()).toBe(total);
    await Members.createIndexes();

    // $in of 50 keys (every 37th member, plus one that does not exist)
    const wanted = Array.from({ length: 49 }, (_, k) => docNo(k * 37));
    const keys = [...wanted, "CC-not-a-member"];
    expect(keys).toHaveLength(50);
    const inQuery = { documentNumber: { $in: keys } };
    const found = await Members.find(inQuery).lean();
    expect(found.map((m) => m.documentNumber).sort()).toEqual([...wanted].sort());
    for (const m of found) expect(m.name).toBe(`Afiliado ${Number(m.documentNumber.slice(2)) - 1_000_000}`);
    const inStages = winningStages(await Members.find(inQuery).explain("queryPlanner"));
    const inScan = inStages.find((s) => s.stage === "IXSCAN");
    expect(inScan, `stages: ${inStages.map((s) => s.stage).join(" > ")}`).toBeDefined();
    if (inScan?.indexName !== undefined) expect(inScan.indexName).toBe("documentNumber_1");
    expect(inStages.some((s) => s.stage === "COLLSCAN")).toBe(false);

    // equality
    const one = await Members.findOne({ documentNumber: docNo(1234) }).lean();
    expect(one?.name).toBe("Afiliado 1234");
    expect(one?.plan).toBe(1234 % 7);
    const eqStages = winningStages(await Members.find({ documentNumber: docNo(1234) }).explain("queryPlanner"));
    expect(eqStages.map((s) => s.stage)).toContain("IXSCAN");
    expect(eqStages.some((s) => s.stage === "COLLSCAN")).toBe(false);

    // and the plan walker is not trivially true: an unindexed field is a collection scan
    const scanStages = winningStages(await Members.find({ name: "Afiliado 1234" }).explain("queryPlanner"));
    expect(scanStages.map((s) => s.stage)).toContain("COLLSCAN");
    expect(scanStages.some((s) => s.stage === "IXSCAN")).toBe(false);
  });

  it("$group with $sum, $avg, $min, $max, $push and $addToSet gives exactly the expected results", async () => {
    interface Claim {
      city: string;
      amount: number;
      kind: string;
    }
    const Claims = await collectionFor<Claim>(
      "FidelityClaim",
      new Schema<Claim>({ city: String, amount: Number, kind: String }),
    );
    await Claims.insertMany([
      { city: "Cali", amount: 30, kind: "urgencias" },
      { city: "Cali", amount: 10, kind: "consulta" },
      { city: "Cali", amount: 20, kind: "consulta" },
      { city: "Bogotá", amount: 15, kind: "examen" },
      { city: "Bogotá", amount: 5, kind: "consulta" },
      { city: "Medellín", amount: 7, kind: "urgencias" },
    ]);

    interface Row {
      _id: string;
      count: number;
      total: number;
      average: number;
      smallest: number;
      largest: number;
      amounts: number[];
      kinds: string[];
    }
    const rows = await Claims.aggregate<Row>([
      { $sort: { amount: 1 } },
      {
        $group: {
          _id: "$city",
          count: { $sum: 1 },
          total: { $sum: "$amount" },
          average: { $avg: "$amount" },
          smallest: { $min: "$amount" },
          largest: { $max: "$amount" },
          amounts: { $push: "$amount" },
          kinds: { $addToSet: "$kind" },
        },
      },
      { $sort: { _id: 1 } },
    ]);

    // $addToSet has no defined order: compare as sorted sets
    const normalised = rows.map((r) => ({ ...r, kinds: [...r.kinds].sort() }));
    expect(normalised).toEqual([
      { _id: "Bogotá", count: 2, total: 20, average: 10, smallest: 5, largest: 15, amounts: [5, 15], kinds: ["consulta", "examen"] },
      {
        _id: "Cali",
        count: 3,
        total: 60,
        average: 20,
        smallest: 10,
        largest: 30,
        amounts: [10, 20, 30],
        kinds: ["consulta", "urgencias"],
      },
      { _id: "Medellín", count: 1, total: 7, average: 7, smallest: 7, largest: 7, amounts: [7], kinds: ["urgencias"] },
    ]);
  });

  it("a unique index rejects a duplicate with E11000 (code 11000) and does not store it", async () => {
    interface Affiliate {
      documentNumber: string;
      name: string;
    }
    const schema = new Schema<Affiliate>(
      { documentNumber: { type: String, required: true }, name: { type: String, required: true } },
      { autoIndex: false },
    );
    schema.index({ documentNumber: 1 }, { unique: true });
    const Affiliates = await collectionFor<Affiliate>("FidelityAffiliate", schema);
    await Affiliates.createIndexes();

    await Affiliates.create({ documentNumber: "CC1144000111", name: "Primera" });
    let caught: unknown;
    try {
      await Affiliates.create({ documentNumber: "CC1144000111", name: "Duplicada" });
    } catch (err) {
      caught = err;
    }
    expect(caught, "the duplicate insert should have failed").toBeInstanceOf(Error);
    expect(errorCode(caught)).toBe(11000);
    expect((caught as Error).message).toMatch(/E11000/);

    const stored = await Affiliates.find({ documentNumber: "CC1144000111" }).lean();
    expect(stored.map((a) => a.name)).toEqual(["Primera"]);
  });

  it("a transaction that throws midway writes nothing; one that commits writes both documents", async () => {
    interface Authorization {
      _id: string;
      memberId: string;
    }
    interface Ledger {
      _id: string;
      authorizationId: string;
      amount: number;
    }
    const Authorizations = await collectionFor<Authorization>(
      "FidelityAuthorization",
      new Schema<Authorization>({ _id: { type: String, required: true }, memberId: String }),
    );
    const Ledgers = await collectionFor<Ledger>(
      "FidelityLedger",
      new Schema<Ledger>({ _id: { type: String, required: true }, authorizationId: String, amount: Number }),
    );
    // (Both collections exist before the transactions, as in the services, where they are created at start.)

    const session = await conn.startSession();
    try {
      await expect(
        session.withTransaction(async () => {
          await Authorizations.create([{ _id: "auth-aborted", memberId: "m1" }], { session });
          // not visible outside the transaction before it commits
          expect(await Authorizations.countDocuments({ _id: "auth-aborted" })).toBe(0);
          await Ledgers.create([{ _id: "ledger-aborted", authorizationId: "auth-aborted", amount: 1 }], { session });
          throw new Error("fails midway");
        }),
      ).rejects.toThrow("fails midway");
      expect(await Authorizations.countDocuments({ _id: "auth-aborted" })).toBe(0);
      expect(await Ledgers.countDocuments({ _id: "ledger-aborted" })).toBe(0);

      await session.withTransaction(async () => {
        await Authorizations.create([{ _id: "auth-ok", memberId: "m2" }], { session });
        await Ledgers.create([{ _id: "ledger-ok", authorizationId: "auth-ok", amount: 125_000 }], { session });
      });
    } finally {
      await session.endSession();
    }
    expect(await Authorizations.findById("auth-ok").lean()).toMatchObject({ _id: "auth-ok", memberId: "m2" });
    expect(await Ledgers.findById("ledger-ok").lean()).toMatchObject({ authorizationId: "auth-ok", amount: 125_000 });
  });
});

import "reflect-metadata";
import { Schema, type Connection, type Model } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPage, findPagesByKey } from "../src/mongo/paginate.js";
import { countCommands, testDatabase } from "../src/testing/database.js";

interface Row {
  _id: string;
  owner: string;
  sortKey: string;
}
let connection: Connection;
let drop: () => Promise<void>;
let rows: Model<Row>;

// Owners o0..o4 with 0, 1, 2, 3 and 4 rows; keys "2026-01-0<day>:<id>", like a date-prefixed sortKey.
beforeAll(async () => {
  ({ connection, drop } = await testDatabase("paginate"));
  rows = connection.model<Row>("Row", new Schema<Row>({ _id: String, owner: String, sortKey: String }, { collection: "rows", versionKey: false }));
  await rows.createCollection();
  // Ascending, as every index of the graph: a descending key loses a row at a $gte bound on SecantusDB.
  await rows.collection.createIndex({ owner: 1, sortKey: 1 });
  const docs: Row[] = [];
  for (let owner = 0; owner < 5; owner++) for (let n = 0; n < owner; n++) docs.push({ _id: `r${owner}${n}`, owner: `o${owner}`, sortKey: `2026-01-0${n + 1}:r${owner}${n}` });
  await rows.insertMany(docs);
});
afterAll(async () => {
  await drop?.();
});

describe("pages of one list for many owners (findPagesByKey)", () => {
  it("gives every owner its own newest-first page in one command, an empty page to an owner with none", async () => {
    const { count, names } = await countCommands(connection, async () => {
      const pages = await findPagesByKey<Row>({ model: rows, keyField: "owner", keys: ["o0", "o1", "o4"], filter: {}, sortField: "sortKey", direction: -1, args: { first: 2 }, withTotal: true });
      expect(pages.get("o4")!.nodes.map((row) => row._id)).toEqual(["r43", "r42"]);
      expect(pages.get("o4")).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
      expect(pages.get("o1")).toMatchObject({ totalCount: 1, pageInfo: { hasNextPage: false } });
      expect(pages.get("o0")).toMatchObject({ nodes: [], totalCount: 0 });
    });
    expect(names).toEqual(["aggregate"]);
    expect(count).toBe(1);
  });

  it("continues after a cursor and still counts the whole list", async () => {
    const first = await findPagesByKey<Row>({ model: rows, keyField: "owner", keys: ["o4"], filter: {}, sortField: "sortKey", direction: -1, args: { first: 2 }, withTotal: false });
    const after = first.get("o4")!.pageInfo.endCursor as string;
    const next = await findPagesByKey<Row>({ model: rows, keyField: "owner", keys: ["o4", "o3"], filter: {}, sortField: "sortKey", direction: -1, args: { first: 2, after }, withTotal: true });
    expect(next.get("o4")!.nodes.map((row) => row._id)).toEqual(["r41", "r40"]);
    expect(next.get("o4")).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: false } });
  });
});

describe("a page inside a range of the sort key (findPage)", () => {
  it("keeps the cursor inside the filter's own range on the same field", async () => {
    const filter = { owner: "o4", sortKey: { $gte: "2026-01-02", $lt: "2026-01-04" } };
    const first = await findPage<Row>({ model: rows, filter, sortField: "sortKey", direction: -1, args: { first: 1 }, withTotal: true });
    expect(first.nodes.map((row) => row._id)).toEqual(["r42"]);
    expect(first.totalCount).toBe(2);
    const next = await findPage<Row>({ model: rows, filter, sortField: "sortKey", direction: -1, args: { first: 5, after: first.pageInfo.endCursor as string }, withTotal: false });
    expect(next.nodes.map((row) => row._id)).toEqual(["r41"]);
    // A cursor from outside the range does not widen it.
    const outside = Buffer.from(JSON.stringify({ v: "2026-01-09" })).toString("base64url");
    const widened = await findPage<Row>({ model: rows, filter, sortField: "sortKey", direction: -1, args: { first: 5, after: outside }, withTotal: false });
    expect(widened.nodes.map((row) => row._id)).toEqual(["r42", "r41"]);
  });
});

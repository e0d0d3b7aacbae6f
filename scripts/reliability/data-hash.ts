// What "the databases unchanged" means, checked by content and not by counts: a SHA-256 of every document
// of every collection of the run's databases, in _id order, in canonical Extended JSON. Two places change
// on purpose whenever anyone reads health data, and are checked for what they must be instead: the access
// ledger (append-only; it must still verify, entry by entry) and each subgraph's `ledger_head` (where its
// chain ends).
import { connectDatabase, createLogger, verifyLedgerChains } from "@sos/kit";
import { createHash } from "node:crypto";
import { BSON, type MongoClient } from "mongodb";

/** Collections that change on every read of health data, by design (see above). */
const LEDGER_COLLECTION = "access_ledger";
const LEDGER_HEAD_COLLECTION = "ledger_head";

export interface DataSnapshot {
  /** "<db>.<collection>" → [documents, sha256]. */
  collections: Map<string, { documents: number; sha256: string }>;
  /** Entries of the access ledger at the time. */
  ledgerEntries: number;
}

export async function snapshotData(client: MongoClient, dbPrefix: string, ledgerDb: string): Promise<DataSnapshot> {
  const collections = new Map<string, { documents: number; sha256: string }>();
  const { databases } = await client.db("admin").admin().listDatabases({ nameOnly: true });
  let ledgerEntries = 0;
  for (const { name } of databases.filter((db) => db.name.startsWith(dbPrefix)).sort((a, b) => a.name.localeCompare(b.name))) {
    const db = client.db(name);
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
    for (const collection of names) {
      // The ledger's database holds more (the register of issued certificates): only the ledger is apart.
      if (name === ledgerDb && collection === LEDGER_COLLECTION) {
        ledgerEntries += await db.collection(collection).countDocuments();
        continue;
      }
      if (collection === LEDGER_HEAD_COLLECTION) continue;
      const hash = createHash("sha256");
      let documents = 0;
      for await (const document of db.collection(collection).find({}, { sort: { _id: 1 } })) {
        hash.update(BSON.EJSON.stringify(document, { relaxed: false }));
        hash.update("\n");
        documents += 1;
      }
      collections.set(`${name.slice(dbPrefix.length)}.${collection}`, { documents, sha256: hash.digest("hex") });
    }
  }
  return { collections, ledgerEntries };
}

export interface DataComparison {
  /** Collections hashed (besides the ledger). */
  collections: number;
  documents: number;
  /** "<db>.<collection>: what changed", empty when nothing did. */
  changed: string[];
  ledgerEntriesAdded: number;
}

export function compareSnapshots(before: DataSnapshot, after: DataSnapshot): DataComparison {
  const changed: string[] = [];
  for (const [name, was] of before.collections) {
    const now = after.collections.get(name);
    if (!now) changed.push(`${name}: gone`);
    else if (now.sha256 !== was.sha256) changed.push(`${name}: ${was.documents} → ${now.documents} documents, content differs`);
  }
  for (const [name, now] of after.collections) if (!before.collections.has(name)) changed.push(`${name}: new, ${now.documents} documents`);
  let documents = 0;
  for (const { documents: count } of before.collections.values()) documents += count;
  return { collections: before.collections.size, documents, changed, ledgerEntriesAdded: after.ledgerEntries - before.ledgerEntries };
}

/** Every chain of the access ledger verified against the head its subgraph keeps (as npm run ledger:verify does). */
export async function verifyLedger(uri: string, dbPrefix: string, ledgerDb: string): Promise<{ chains: number; entries: number; broken: string[] }> {
  const connection = await connectDatabase({ uri, dbName: ledgerDb, logger: createLogger("reliability", "warn") });
  try {
    const checks = await verifyLedgerChains(connection, (chain) => `${dbPrefix}${chain}`);
    const broken = checks.filter((check) => !check.valid).map((check) => `${check.chain}: entry ${check.firstBad?.seq ?? "?"}: ${check.firstBad?.problem ?? "broken"}`);
    return { chains: checks.length, entries: checks.reduce((sum, check) => sum + check.entries, 0), broken };
  } finally {
    await connection.close();
  }
}

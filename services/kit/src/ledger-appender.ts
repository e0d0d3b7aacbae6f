// Writing the access ledger: one appender per chain and process, batching requests' entries (the ledger
// itself — entries, hashes, heads, verification — is in audit.ts).
import { GENESIS_HASH, entryHash, ledgerId, type AuditEvent, type LedgerEntry, type LedgerHead, type LedgerHeadModel, type LedgerModel } from "./audit.js";
import { isDuplicateKeyError } from "./mongo/ids.js";

/** How many times an append is tried again when another writer (a replica) appended first. */
const APPEND_ATTEMPTS = 50;

/**
 * Appends to one chain. Within a process, requests' entries are queued and written by one loop, a batch
 * at a time (group commit): no two requests of a process race for the chain's head. Across replicas, each
 * entry's `_id` (chain and position) is the lock: the batch is inserted in order, durably, and stops at the
 * first position another replica took; what went in before it is a valid part of the chain, and the rest of
 * the batch is chained again on the new head. No transaction is needed for that, and none is used: on
 * the local server a transaction tripled an append's time (BENCHMARKS.md).
 */
export class LedgerAppender {
  private queue: { events: AuditEvent[]; done: (error?: unknown) => void }[] = [];
  private writing = false;
  /**
   * The chain's head as this process last wrote it: the next batch chains on it without reading the ledger.
   * Forgotten when another writer is found to have moved the chain on (its batch's first _id is taken).
   */
  private lastWritten: Pick<LedgerEntry, "seq" | "hash"> | null = null;

  constructor(
    private readonly model: LedgerModel,
    private readonly chain: string,
    /** Where the subgraph keeps the chain's head (its own database); none in tests of the ledger alone. */
    private readonly head: LedgerHeadModel | null = null,
  ) {}

  append(events: AuditEvent[]): Promise<void> {
    if (!events.length) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ events, done: (error) => (error ? reject(error) : resolve()) });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.queue.length);
      try {
        await this.write(batch.flatMap((item) => item.events));
        for (const item of batch) item.done();
      } catch (error) {
        for (const item of batch) item.done(error);
      }
    }
    this.writing = false;
  }

  private async write(events: AuditEvent[]): Promise<void> {
    let pending = events;
    for (let attempt = 0; attempt < APPEND_ATTEMPTS; attempt++) {
      // After a collision the head kept in the subgraph's database (a lookup by id) is tried first: with
      // replicas taking turns, most batches collide once, and scanning for the head is slow on some servers.
      const head = this.lastWritten ?? (attempt === 1 ? await this.keptHead() : null) ?? (await this.readHead());
      const entries = this.chainOn(head, pending);
      let inserted: number;
      try {
        inserted = await this.insertInOrder(entries);
      } catch (error) {
        // Unknown how much went in (a lost connection): the next batch reads the head again.
        this.lastWritten = null;
        throw error;
      }
      if (inserted > 0) {
        const last = entries[inserted - 1] as LedgerEntry;
        this.lastWritten = { seq: last.seq, hash: last.hash };
        await this.recordHead(last);
      }
      if (inserted === entries.length) return;
      // Another writer (a replica) took the next position: the rest is chained again on its entries, after a
      // short random pause so two replicas do not keep colliding in step.
      pending = pending.slice(inserted);
      this.lastWritten = null;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
    }
    throw new Error(`access ledger: could not append to chain ${this.chain} after ${APPEND_ATTEMPTS} attempts`);
  }

  /** The events as the chain's next entries after `head`, each linked to the one before. */
  private chainOn(head: Pick<LedgerEntry, "seq" | "hash"> | null, events: AuditEvent[]): LedgerEntry[] {
    let seq = head?.seq ?? 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    return events.map((event) => {
      seq += 1;
      const base = { ...event, operation: event.operation ?? null, chain: this.chain, seq, prevHash };
      const hash = entryHash(base);
      prevHash = hash;
      const _id = ledgerId(this.chain, seq);
      return { ...base, _id, hash, sortKey: `${event.at.toISOString()}|${_id}` };
    });
  }

  /**
   * Inserts the entries in order, acknowledged by a majority and journaled; resolves to how many went in
   * before the first position already taken (all of them, normally). Any other failure rejects.
   */
  private async insertInOrder(entries: LedgerEntry[]): Promise<number> {
    try {
      // The driver's collection, typed with the entries' string ids (mongoose's typing assumes ObjectId ids).
      const collection = this.model.collection as unknown as { insertMany(docs: LedgerEntry[], options: object): Promise<unknown> };
      await collection.insertMany(entries, { ordered: true, writeConcern: { w: "majority", j: true } });
      return entries.length;
    } catch (error) {
      const failure = error as { writeErrors?: unknown; insertedCount?: unknown };
      const first = Array.isArray(failure.writeErrors) ? failure.writeErrors[0] : failure.writeErrors;
      if ((isDuplicateKeyError(error) || isDuplicateKeyError(first)) && typeof failure.insertedCount === "number") return failure.insertedCount;
      throw error;
    }
  }

  /** The head as the replicas last recorded it in the subgraph's database; it may lag the ledger (then the next attempt collides and scans). */
  private async keptHead(): Promise<Pick<LedgerEntry, "seq" | "hash"> | null> {
    if (!this.head) return null;
    return this.head.findById(this.chain).select({ seq: 1, hash: 1 }).lean<Pick<LedgerHead, "seq" | "hash">>().exec();
  }

  /** The chain's last entry in the ledger: the one with the highest _id of the chain (ids sort by seq). */
  private readHead(): Promise<Pick<LedgerEntry, "seq" | "hash"> | null> {
    return this.model.findOne({ _id: { $gt: `${this.chain}:`, $lt: `${this.chain};` } }).sort({ _id: -1 }).select({ seq: 1, hash: 1 }).lean<Pick<LedgerEntry, "seq" | "hash">>().exec();
  }

  /** Moves the kept head forward (never back: a replica that appended earlier does not overwrite a later head). */
  private async recordHead(last: LedgerEntry): Promise<void> {
    if (!this.head) return;
    try {
      await this.head.updateOne({ _id: this.chain, seq: { $lt: last.seq } }, { $set: { seq: last.seq, hash: last.hash, at: last.at } }, { upsert: true }).exec();
    } catch (error) {
      // A later head is already there (another replica): nothing to move.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}

const appenders = new WeakMap<LedgerModel, Map<string, LedgerAppender>>();
/** The process's appender for a chain of a ledger, keeping the chain's head in `head` (the subgraph's own database). */
export function ledgerAppender(model: LedgerModel, chain: string, head: LedgerHeadModel | null = null): LedgerAppender {
  const byChain = appenders.get(model) ?? new Map<string, LedgerAppender>();
  appenders.set(model, byChain);
  const existing = byChain.get(chain);
  if (existing) return existing;
  const created = new LedgerAppender(model, chain, head);
  byChain.set(chain, created);
  return created;
}

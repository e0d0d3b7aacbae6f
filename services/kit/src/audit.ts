import { createHash } from "node:crypto";
import type { Connection, Model } from "mongoose";
import { Schema } from "mongoose";
import type { Viewer } from "./auth/viewer.js";
import type { LedgerAppender } from "./ledger-appender.js";

/**
 * The access ledger: who read whose personal data, what, in which operation, when and why (Ley 1581 de
 * 2012). Every subgraph appends to its own hash-chained *chain* in one ledger database (LEDGER_DB, the
 * audit subgraph's), so tampering with an entry breaks the chain from there on, and the audit subgraph
 * can show a member every read of their data across the graph. Entries gathered during a request are
 * appended together, durably, before the response leaves: a read that cannot be recorded is not served.
 */
export interface AuditEvent {
  at: Date;
  requestId: string;
  /** The GraphQL operation's name, when the client gave one. */
  operation: string | null;
  actor: { subject: string; role: string; memberId?: string; employerNit?: string; ipsCode?: string };
  /** What was read or changed: "MEMBER_READ", "INCAPACITY_DIAGNOSIS_READ", ... */
  action: string;
  subjectMemberId: string;
  purpose: string | null;
}

export interface LedgerEntry extends AuditEvent {
  /** `<chain>:<seq, 12 digits>`: the chain's entries in order on the primary key. */
  _id: string;
  /** The subgraph that appended it. */
  chain: string;
  seq: number;
  prevHash: string;
  /** SHA-256 over prevHash and the entry's fields (entryHash). */
  hash: string;
  /** `<at ISO>|<_id>`: unique and in time order, for "newest first" lists over every chain. */
  sortKey: string;
}

export const GENESIS_HASH = "0".repeat(64);
export const ledgerId = (chain: string, seq: number): string => `${chain}:${String(seq).padStart(12, "0")}`;

const ledgerSchema = new Schema<LedgerEntry>(
  {
    _id: String,
    chain: { type: String, required: true },
    seq: { type: Number, required: true },
    at: { type: Date, required: true },
    requestId: { type: String, required: true },
    operation: { type: String, default: null },
    actor: { _id: false, subject: { type: String, required: true }, role: { type: String, required: true }, memberId: String, employerNit: String, ipsCode: String },
    action: { type: String, required: true },
    subjectMemberId: { type: String, required: true },
    purpose: { type: String, default: null },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
    sortKey: { type: String, required: true },
  },
  { collection: "access_ledger", versionKey: false },
);
// "Who looked at this member" and "what did this user look at", newest first (read backwards).
ledgerSchema.index({ subjectMemberId: 1, sortKey: 1 });
// The chains there are, and every entry claiming to belong to one (the verifier counts them).
ledgerSchema.index({ chain: 1 });
ledgerSchema.index({ "actor.subject": 1, sortKey: 1 });

export type LedgerModel = Model<LedgerEntry>;
/** The ledger's collection over `connection` — which must be the ledger database (ledgerConnection). */
export const ledgerModel = (connection: Connection): LedgerModel => connection.models["LedgerEntry"] ?? connection.model<LedgerEntry>("LedgerEntry", ledgerSchema);

/**
 * A chain's head as the subgraph that appends it last wrote it, kept in the subgraph's *own* database:
 * someone who deletes or rewrites the end of a chain in the ledger database must also reach this one,
 * or `ledger:verify` finds the chain ending short of, or differing from, its head.
 */
export interface LedgerHead {
  /** The chain. */
  _id: string;
  seq: number;
  hash: string;
  at: Date;
}
const ledgerHeadSchema = new Schema<LedgerHead>({ _id: String, seq: { type: Number, required: true }, hash: { type: String, required: true }, at: { type: Date, required: true } }, { collection: "ledger_head", versionKey: false });
export type LedgerHeadModel = Model<LedgerHead>;
export const ledgerHeadModel = (connection: Connection): LedgerHeadModel => connection.models["LedgerHead"] ?? connection.model<LedgerHead>("LedgerHead", ledgerHeadSchema);

/** The ledger database beside a subgraph's own, on the same server. */
export const ledgerConnection = (connection: Connection, ledgerDb: string): Connection => connection.useDb(ledgerDb, { useCache: true });

/** The hash of an entry: every field that says what happened, in a fixed order, chained to the previous. */
export function entryHash(entry: Omit<LedgerEntry, "hash" | "_id" | "sortKey">): string {
  const { actor } = entry;
  const canonical = JSON.stringify([
    entry.chain,
    entry.seq,
    entry.at.toISOString(),
    entry.requestId,
    entry.operation ?? null,
    [actor.subject, actor.role, actor.memberId ?? null, actor.employerNit ?? null, actor.ipsCode ?? null],
    entry.action,
    entry.subjectMemberId,
    entry.purpose ?? null,
    entry.prevHash,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

export interface ChainCheck {
  chain: string;
  entries: number;
  valid: boolean;
  /** The first entry that does not hold (null: the problem is not at one position), and why. */
  firstBad: { seq: number | null; problem: string } | null;
}

/**
 * Walks a chain in order, recomputing every hash and link; stops at the first entry that does not hold.
 * With the chain's `head` (as its subgraph keeps it), also finds a chain cut short or rewritten at the end.
 */
export async function verifyChain(model: LedgerModel, chain: string, head?: Pick<LedgerHead, "seq" | "hash"> | null): Promise<ChainCheck> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let hashAtHead: string | null = null;
  const cursor = model.find({ _id: { $gt: `${chain}:`, $lt: `${chain};` } }).sort({ _id: 1 }).lean<LedgerEntry>().cursor({ batchSize: 1000 });
  for await (const entry of cursor) {
    const bad = (problem: string): ChainCheck => ({ chain, entries: expectedSeq - 1, valid: false, firstBad: { seq: entry.seq, problem } });
    if (entry.seq !== expectedSeq || entry._id !== ledgerId(chain, entry.seq)) return bad(`falta la entrada ${expectedSeq} (sigue la ${entry.seq})`);
    if (entry.prevHash !== prevHash) return bad("no enlaza con la entrada anterior");
    if (entryHash(entry) !== entry.hash) return bad("su contenido no corresponde a su hash");
    // The list order is derived from the entry: a moved sortKey would reorder a member's log.
    if (entry.sortKey !== `${entry.at.toISOString()}|${entry._id}`) return bad("su clave de orden fue alterada");
    if (head && entry.seq === head.seq) hashAtHead = entry.hash;
    prevHash = entry.hash;
    expectedSeq += 1;
  }
  const entries = expectedSeq - 1;
  if (head && entries < head.seq) return { chain, entries, valid: false, firstBad: { seq: entries + 1, problem: `faltan entradas al final: el servicio registró hasta la ${head.seq}` } };
  if (head && hashAtHead !== head.hash) return { chain, entries, valid: false, firstBad: { seq: head.seq, problem: "no es la entrada que el servicio registró: la cadena fue reescrita" } };
  // An entry claiming the chain but outside its sequence (inserted with another id) would be shown, unverified.
  const claiming = await model.countDocuments({ chain }).exec();
  if (claiming !== entries) return { chain, entries, valid: false, firstBad: { seq: null, problem: `hay ${claiming - entries} entradas de la cadena fuera de su secuencia` } };
  return { chain, entries, valid: true, firstBad: null };
}

/** The chains a ledger holds. */
export const ledgerChains = (model: LedgerModel): Promise<string[]> => model.distinct("chain").exec() as Promise<string[]>;

/**
 * Every chain of the ledger in `ledger` (or those named), each checked entry by entry and against the
 * head its subgraph keeps in the database `headDbOf(chain)` (`headKept` false: none there, the end is not
 * checked). What `npm run ledger:verify` and the reliability suite run.
 */
export async function verifyLedgerChains(ledger: Connection, headDbOf: (chain: string) => string, named: readonly string[] = []): Promise<(ChainCheck & { headKept: boolean })[]> {
  const model = ledgerModel(ledger);
  const chains = named.length ? named : await ledgerChains(model);
  const checks: (ChainCheck & { headKept: boolean })[] = [];
  for (const chain of chains) {
    const head = await ledgerHeadModel(ledger.useDb(headDbOf(chain), { useCache: true })).findById(chain).lean<LedgerHead>().exec();
    checks.push({ ...(await verifyChain(model, chain, head)), headKept: head !== null });
  }
  return checks;
}


export class AuditTrail {
  private readonly pending = new Map<string, AuditEvent>();

  constructor(
    private readonly viewer: Viewer | null,
    private readonly requestId: string,
    private readonly purpose: string | null,
  ) {}

  /** Notes one access; the same access twice in a request is one entry. */
  record(action: string, subjectMemberId: string): void {
    if (!this.viewer) return;
    const key = `${action}:${subjectMemberId}`;
    if (this.pending.has(key)) return;
    const { subject, role, memberId, employerNit, ipsCode } = this.viewer;
    this.pending.set(key, {
      at: new Date(),
      requestId: this.requestId,
      operation: null,
      actor: { subject, role, ...(memberId && { memberId }), ...(employerNit && { employerNit }), ...(ipsCode && { ipsCode }) },
      action,
      subjectMemberId,
      purpose: this.purpose,
    });
  }

  get size(): number {
    return this.pending.size;
  }

  /** Appends what was noted, journaled: a read that cannot be recorded must not be served. */
  async flush(appender: LedgerAppender, operation: string | null = null): Promise<void> {
    if (!this.pending.size) return;
    const events = [...this.pending.values()].map((event) => ({ ...event, operation: operation?.slice(0, 100) ?? null }));
    this.pending.clear();
    await appender.append(events);
  }
}

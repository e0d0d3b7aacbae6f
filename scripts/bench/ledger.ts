// npm run bench:ledger [-- --entries 20000 --step 5000 --appends 100]: what one append to the access ledger
// costs as the ledger grows, on the database server `npm test` would use (MONGODB_URI, a mongod on PATH,
// else SecantusDB). At each size it times `--appends` appends of 3 entries, one after the other, through the
// kit's LedgerAppender (a fresh one, so the first reads the chain's head), the head lookup on its own, and
// counts the database commands per append (driver command monitoring). Writes
// results/<date>-ledger-<database>.json; figures carry the database's name.
import { LedgerAppender, connectDatabase, createLogger, ensureIndexes, ledgerHeadModel, ledgerModel, type AuditEvent } from "@sos/kit";
import type { MongoClient } from "mongodb";
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { provisionDatabase } from "../lib/database/index.js";
import { REPO_ROOT } from "../lib/paths.js";
import { BENCH_DB_DIR, serverVersion } from "./database.js";
import { percentile, round } from "./load.js";
import { intOption } from "./options.js";

const { values } = parseArgs({ options: { entries: { type: "string" }, step: { type: "string" }, appends: { type: "string" } } });
const entries = intOption("entries", values.entries, 20_000, 1);
const step = intOption("step", values.step, 5_000, 1);
const appends = intOption("appends", values.appends, 100, 1);
if (step > entries) {
  console.error("--step must be at most --entries");
  process.exit(2);
}

const logger = createLogger("bench", "warn");
const log = (message: string): void => void process.stderr.write(`[bench:ledger] ${message}\n`);
const db = await provisionDatabase({ dataDir: BENCH_DB_DIR });
const dbName = `bench_${randomBytes(4).toString("hex")}_ledger`;
const connection = await connectDatabase({ uri: db.uri, dbName, logger });
let exitCode = 0;
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    // The current append finishes; the loop stops and `finally` drops the database.
    interrupted = true;
    exitCode = 130;
  });
}
try {
  const server = await serverVersion(connection.getClient() as unknown as MongoClient);
  const ledger = ledgerModel(connection);
  const heads = ledgerHeadModel(connection);
  await ensureIndexes([ledger, heads]);

  let commands = 0;
  connection.getClient().on("commandStarted", (event: { commandName: string }) => {
    if (!["endSessions", "hello", "isMaster"].includes(event.commandName)) commands += 1;
  });
  const event = (i: number, j: number): AuditEvent => ({
    at: new Date(),
    requestId: `bench-${i}`,
    operation: "LedgerBench",
    actor: { subject: "agent-bench", role: "AGENT" },
    action: "MEMBER_READ",
    subjectMemberId: `member-${(i * 3 + j) % 3000}`,
    purpose: "benchmark",
  });

  const sizes: { size: number; appendMs: { p50: number; p95: number; max: number }; plainInsertMs: { p50: number; p95: number }; headLookupMs: number; commandsPerAppend: number }[] = [];
  let size = 0;
  let written = 0;
  let plainSeq = 1;
  for (let target = 0; target <= entries; target += step) {
    // The appends below add to the chain: each step is measured from where the chain stands.
    target = Math.max(target, size);
    // Fill up to the next size quickly: large batches through the same appender path.
    const filler = new LedgerAppender(ledger, "bench", heads);
    while (size < target && !interrupted) {
      const batch = Math.min(500, target - size);
      await filler.append(Array.from({ length: batch }, (_, j) => event(written, j)));
      size += batch;
      written += 1;
    }
    if (interrupted) break;
    const appender = new LedgerAppender(ledger, "bench", heads);
    const times: number[] = [];
    const before = commands;
    for (let i = 0; i < appends; i += 1) {
      const started = performance.now();
      await appender.append([event(written, 0), event(written, 1), event(written, 2)]);
      times.push(performance.now() - started);
      written += 1;
      size += 3;
    }
    const perAppend = (commands - before) / appends;
    // The same three entries' insert alone (durable, as the appender writes it), on a chain of its own.
    const plain: number[] = [];
    for (let i = 0; i < appends; i += 1) {
      const docs = [0, 1, 2].map((j) => ({ ...event(written, j), _id: `plain:${String(plainSeq + j).padStart(12, "0")}`, chain: "plain", seq: plainSeq + j, prevHash: "", hash: "", sortKey: `${new Date().toISOString()}|plain:${plainSeq + j}` }));
      plainSeq += 3;
      const started = performance.now();
      await ledger.db.collection<{ _id: string }>(ledger.collection.collectionName).insertMany(docs, { ordered: true, writeConcern: { w: "majority", j: true } });
      plain.push(performance.now() - started);
    }
    plain.sort((a, b) => a - b);
    // The head lookup the appender makes at start: the median of five.
    const lookups: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const headStarted = performance.now();
      await ledger.findOne({ _id: { $gt: "bench:", $lt: "bench;" } }).sort({ _id: -1 }).select({ seq: 1, hash: 1 }).lean().exec();
      lookups.push(performance.now() - headStarted);
    }
    const headLookupMs = percentile(lookups.sort((a, b) => a - b), 50);
    times.sort((a, b) => a - b);
    const ms = (value: number): number => round(value, 2);
    sizes.push({ size: target, appendMs: { p50: ms(percentile(times, 50)), p95: ms(percentile(times, 95)), max: ms(times.at(-1) ?? 0) }, plainInsertMs: { p50: ms(percentile(plain, 50)), p95: ms(percentile(plain, 95)) }, headLookupMs: ms(headLookupMs), commandsPerAppend: ms(perAppend) });
    log(`${target} entries: append of 3 p50 ${sizes.at(-1)?.appendMs.p50} ms (the insert alone: ${sizes.at(-1)?.plainInsertMs.p50} ms), head lookup ${ms(headLookupMs)} ms, ${ms(perAppend)} commands per append`);
  }

  const report = { date: new Date().toISOString(), command: `npm run bench:ledger -- --entries ${entries} --step ${step} --appends ${appends}`, database: { kind: db.kind, server }, sizes };
  const file = join(REPO_ROOT, "scripts", "bench", "results", `${report.date.slice(0, 10)}-ledger-${db.kind}.json`);
  await mkdir(join(REPO_ROOT, "scripts", "bench", "results"), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`| Ledger entries | append of 3, p50 ms (${server}) | p95 ms | max ms | commands per append | the insert alone, p50 ms | p95 ms | head lookup ms |\n|--:|--:|--:|--:|--:|--:|--:|--:|`);
  for (const s of sizes) console.log(`| ${s.size} | ${s.appendMs.p50} | ${s.appendMs.p95} | ${s.appendMs.max} | ${s.commandsPerAppend} | ${s.plainInsertMs.p50} | ${s.plainInsertMs.p95} | ${s.headLookupMs} |`);
  log(`results: ${file.slice(REPO_ROOT.length + 1)}`);
} catch (error) {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  exitCode = 1;
} finally {
  await connection.dropDatabase().catch(() => {});
  await connection.close();
  await db.stop();
}
process.exit(exitCode);

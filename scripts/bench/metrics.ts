// What the benchmark reads besides latencies: CPU time of the graph's processes (from /proc) and the
// database server's own operation counters (serverStatus.opcounters).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { type MongoClient } from "mongodb";

/** Clock ticks per second of /proc/<pid>/stat times (`getconf CLK_TCK`, 100 on Linux nearly always). */
export function clockTicksPerSecond(): number {
  try {
    const value = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
    if (Number.isInteger(value) && value > 0) return value;
  } catch {
    // no getconf: the Linux default below
  }
  return 100;
}

/**
 * User + system CPU time a process has used so far, in clock ticks (all its threads), read from
 * /proc/<pid>/stat fields 14 (utime) and 15 (stime). null when the process or /proc is not there.
 */
export function cpuTicks(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state), so field N is fields[N - 3].
    const utime = Number(fields[14 - 3]);
    const stime = Number(fields[15 - 3]);
    return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : null;
  } catch {
    return null;
  }
}

/** serverStatus.opcounters: what the server counted, by kind of operation. */
export interface OpCounters {
  insert: number;
  query: number;
  update: number;
  delete: number;
  getmore: number;
  command: number;
}

export const OP_KINDS = ["insert", "query", "update", "delete", "getmore", "command"] as const satisfies readonly (keyof OpCounters)[];

/** null when the server does not report opcounters. */
export async function readOpCounters(client: MongoClient): Promise<OpCounters | null> {
  const status = await client.db("admin").command({ serverStatus: 1 });
  const counters = status["opcounters"] as Partial<Record<keyof OpCounters, unknown>> | undefined;
  if (!counters) return null;
  const read = (kind: keyof OpCounters): number => Number(counters[kind] ?? 0);
  return { insert: read("insert"), query: read("query"), update: read("update"), delete: read("delete"), getmore: read("getmore"), command: read("command") };
}

/**
 * after - before, less the serverStatus command that took the `after` reading (the server counts it as
 * a command, measured: two readings in a row differ by exactly one command).
 */
export function opDelta(before: OpCounters, after: OpCounters): OpCounters {
  return {
    insert: after.insert - before.insert,
    query: after.query - before.query,
    update: after.update - before.update,
    delete: after.delete - before.delete,
    getmore: after.getmore - before.getmore,
    command: after.command - before.command - 1,
  };
}

export const opTotal = (ops: OpCounters): number => OP_KINDS.reduce((sum, kind) => sum + ops[kind], 0);

// npm run schema:check: fails when the public API of schema/supergraph.graphql breaks clients compared with
// a base revision, unless each breaking change is marked in schema/breaking-changes.yaml (with a reason
// and a date). Dangerous changes are printed, not failed. CI runs it after `npm run compose -- --check`.
//
// The base revision: SCHEMA_BASE when set (any git revision); otherwise the merge base with origin/main
// when it is not HEAD itself (a branch compares with where it left main); otherwise HEAD~1 (main compares
// its last commit). The current side is the working tree's supergraph, so uncommitted changes count too.
// A base without a supergraph (or a repository with one commit) has nothing to break: the check passes.
import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { apiSchemaSdl } from "./lib/api-schema.js";
import { REPO_ROOT } from "./lib/paths.js";
import { checkSchemaChanges, formatSchemaCheck, parseBreakingChangeMarks } from "./lib/schema-diff.js";

const SUPERGRAPH = "schema/supergraph.graphql";
const MARKS = "schema/breaking-changes.yaml";

/** git's trimmed output, or null when it fails (an unknown revision, a path missing there). */
function git(...args: string[]): string | null {
  const result = spawnSync("git", args, { cwd: REPO_ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return result.status === 0 ? result.stdout : null;
}
const commitOf = (revision: string) => git("rev-parse", "--verify", "--quiet", `${revision}^{commit}`)?.trim() ?? null;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function chooseBase(): { commit: string; why: string } | null {
  const requested = process.env["SCHEMA_BASE"]?.trim();
  if (requested) {
    const commit = commitOf(requested);
    if (!commit) fail(`SCHEMA_BASE=${requested} is not a revision of this repository.`);
    return { commit, why: `SCHEMA_BASE=${requested}` };
  }
  const head = commitOf("HEAD");
  if (!head) fail("No commit yet: nothing to compare with.");
  const mergeBase = commitOf("origin/main") ? git("merge-base", "HEAD", "origin/main")?.trim() : null;
  if (mergeBase && mergeBase !== head) return { commit: mergeBase, why: "the merge base with origin/main" };
  const parent = commitOf("HEAD~1");
  if (parent) return { commit: parent, why: "HEAD~1" };
  if (git("rev-parse", "--is-shallow-repository")?.trim() === "true") {
    fail("A shallow clone has no HEAD~1: fetch the history (git fetch --unshallow) or set SCHEMA_BASE.");
  }
  return null;
}

// The marks are read first: a malformed file fails whether or not there is anything to compare.
let marks;
try {
  marks = parseBreakingChangeMarks(await readFile(join(REPO_ROOT, MARKS), "utf8").catch(() => ""), MARKS);
} catch (error) {
  fail(`schema:check: ${(error as Error).message}`);
}
const base = chooseBase();
if (!base) {
  console.log("schema:check: HEAD is the first commit, there is no earlier API to break.");
  process.exit(0);
}
const short = base.commit.slice(0, 10);
const baseSupergraph = git("show", `${base.commit}:${SUPERGRAPH}`);
if (baseSupergraph === null) {
  console.log(`schema:check: ${short} (${base.why}) has no ${SUPERGRAPH}: there is no earlier API to break.`);
  process.exit(0);
}
const current = await readFile(join(REPO_ROOT, SUPERGRAPH), "utf8");
const check = await checkSchemaChanges(apiSchemaSdl(baseSupergraph), apiSchemaSdl(current), marks);
console.log(`schema:check: the API of ${SUPERGRAPH} (working tree) against ${short} (${base.why})`);
console.log(formatSchemaCheck(check, MARKS));
if (!check.ok) process.exit(1);
console.log("No unmarked breaking change.");

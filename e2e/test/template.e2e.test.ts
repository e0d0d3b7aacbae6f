// The subgraph template cannot rot: generate a subgraph from it, as `npm run new:subgraph` does, into a
// scratch copy of the repository's layout; it must typecheck, compose with the real subgraphs, and pass
// its own test against the real database.
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSubgraph } from "../../scripts/lib/generate-subgraph.js";
import { REGISTRY_PATH } from "../../scripts/lib/registry.js";
import { composeSupergraph } from "../../scripts/lib/supergraph.js";

const run = promisify(execFile);
const REPO = fileURLToPath(new URL("../..", import.meta.url));
let scratch: string;
let dir: string;

beforeAll(async () => {
  // Inside the repository (so @sos/kit and the other packages resolve from its node_modules), but in the
  // git-ignored .dev/ folder, never among the workspaces.
  await mkdir(join(REPO, ".dev"), { recursive: true });
  scratch = await mkdtemp(join(REPO, ".dev", "template-check-"));
  for (const file of ["tsconfig.base.json", "vitest.shared.ts"]) await symlink(join(REPO, file), join(scratch, file));
  await cp(REGISTRY_PATH, join(scratch, "subgraphs.yaml"));
  ({ dir } = await generateSubgraph({ name: "template-check", root: scratch, registryPath: join(scratch, "subgraphs.yaml") }));
}, 60_000);
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe("a subgraph generated from the template", () => {
  it("typechecks under the project's strict settings", async () => {
    await run(process.execPath, [join(REPO, "node_modules/typescript/bin/tsc"), "-p", join(dir, "tsconfig.json"), "--noEmit"], { cwd: dir });
  }, 120_000);

  it("composes with the registered subgraphs", async () => {
    // The registry copy names the new subgraph's package, which is not linked: give composition its module.
    const composed = await composeSupergraph(join(scratch, "subgraphs.yaml"), { "@sos/template-check": join(dir, "src/subgraph.ts") });
    const supergraph = [...composed.files].find(([path]) => path.endsWith("supergraph.graphql"))?.[1] ?? "";
    expect(supergraph).toContain('TEMPLATE_CHECK @join__graph(name: "template-check", url: "http://127.0.0.1:');
    expect(supergraph).toContain("templateCheckNotes(");
    // A new field says who may read it before it composes cleanly: compose lists each one without a rule.
    expect(composed.policyProblems).toContain("Query.templateCheckNotes has no rule (add it under queries:)");
  }, 60_000);

  it("passes its own test against the real database", async () => {
    const { stdout } = await run(process.execPath, [join(REPO, "node_modules/vitest/vitest.mjs"), "run", "--root", dir], {
      cwd: dir,
      env: { ...process.env, VITEST_JSON_DIR: "", NO_COLOR: "1", FORCE_COLOR: "0" },
    });
    expect(stdout).toMatch(/Tests\s+\d+ passed/);
  }, 120_000);
});

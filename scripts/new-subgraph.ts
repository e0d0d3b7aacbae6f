// npm run new:subgraph -- <name> [--port N]: a new subgraph that composes, starts, answers its health
// check and has a passing test. Creates services/<name>/ from scripts/templates/subgraph, adds it to
// schema/subgraphs.yaml (the only shared file it touches by hand's stead), links the workspace
// (npm install) and regenerates what composition writes (npm run compose).
import { spawnSync } from "node:child_process";
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "./lib/paths.js";
import { generateSubgraph } from "./lib/generate-subgraph.js";
import { REGISTRY_PATH } from "./lib/registry.js";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { port: { type: "string" } } });
const name = positionals[0];
if (!name) {
  console.error("usage: npm run new:subgraph -- <name> [--port N]   (name: lowercase words joined by dashes, e.g. billing-pac)");
  process.exit(2);
}

const run = (command: string, args: string[]) => {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const { dir, port, files } = await generateSubgraph({ name, root: REPO_ROOT, registryPath: REGISTRY_PATH, ...(values.port && { port: Number(values.port) }) });
console.log(`Created ${relative(REPO_ROOT, dir)}/ (${files.length} files) and registered it on port ${port} in schema/subgraphs.yaml.`);
run("npm", ["install", "--no-audit", "--no-fund"]);
run("npm", ["run", "compose"]);
console.log(`
Next:
  npm test -- --filter=@sos/${name}     its own test, against a real database
  npm start                              the graph with it, on port ${port}
Replace the example note (src/note/) with the subgraph's entities; docs/architecture.md and
docs/access.md say how.`);

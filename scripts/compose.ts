// npm run compose            regenerate schema/subgraphs/*.graphql, schema/supergraph.graphql, the
//                            trusted-documents manifest schema/operations/manifest.json and the
//                            subgraph services of docker-compose.yml, from schema/subgraphs.yaml, and
//                            docs/access-policy.md from schema/access-policy.yaml
// npm run compose -- --check exit 1 when the committed files are stale
// Either way, exit 1 when a field of the graph has no rule in schema/access-policy.yaml.
import { writeFile } from "node:fs/promises";
import { relative } from "node:path";
import { composeSupergraph, staleFiles } from "./lib/supergraph.js";

const check = process.argv.includes("--check");
const composed = await composeSupergraph();
const stale = await staleFiles(composed);
if (check) {
  if (stale.length) {
    console.error(`Stale generated schema: ${stale.map((path) => relative(process.cwd(), path)).join(", ")}. Run \`npm run compose\` and commit.`);
    process.exit(1);
  }
  console.log("schema/supergraph.graphql, schema/operations/manifest.json, docker-compose.yml and docs/access-policy.md are up to date.");
} else {
  for (const [path, content] of composed.files) await writeFile(path, content);
  console.log(stale.length ? `Wrote ${stale.map((path) => relative(process.cwd(), path)).join(", ")}.` : "Nothing changed.");
}
if (composed.policyProblems.length) {
  console.error(`schema/access-policy.yaml does not match the graph:\n${composed.policyProblems.map((problem) => `- ${problem}`).join("\n")}`);
  process.exit(1);
}

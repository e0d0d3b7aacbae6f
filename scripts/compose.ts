// npm run compose            regenerate schema/subgraphs/*.graphql, schema/supergraph.graphql, its public
//                            API schema schema/api.graphql, the trusted-documents manifest
//                            schema/operations/manifest.json, the typed client generated from both
//                            (clients/typescript/src/generated), the subgraph services of
//                            docker-compose.yml and the per-service manifests of deploy/kubernetes, from
//                            schema/subgraphs.yaml, and docs/access-policy.md from schema/access-policy.yaml
// npm run compose -- --check exit 1 when the committed files are stale
// Either way, exit 1 when a field of the graph has no rule in schema/access-policy.yaml.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, relative } from "node:path";
import { composeSupergraph, staleFiles } from "./lib/supergraph.js";

const check = process.argv.includes("--check");
const composed = await composeSupergraph();
const stale = await staleFiles(composed);
if (check) {
  if (stale.length) {
    console.error(`Stale generated schema: ${stale.map((path) => relative(process.cwd(), path)).join(", ")}. Run \`npm run compose\` and commit.`);
    process.exit(1);
  }
  console.log(
    "schema/supergraph.graphql, schema/api.graphql, schema/operations/manifest.json, the typed client (clients/typescript/src/generated), docker-compose.yml, deploy/kubernetes and docs/access-policy.md are up to date.",
  );
} else {
  for (const [path, content] of composed.files) {
    // A new subgraph's manifest is the first file of its kind in a folder that may not exist yet.
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
  console.log(stale.length ? `Wrote ${stale.map((path) => relative(process.cwd(), path)).join(", ")}.` : "Nothing changed.");
}
if (composed.policyProblems.length) {
  console.error(`schema/access-policy.yaml does not match the graph:\n${composed.policyProblems.map((problem) => `- ${problem}`).join("\n")}`);
  process.exit(1);
}

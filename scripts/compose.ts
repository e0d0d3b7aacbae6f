// npm run compose            regenerate schema/subgraphs/*.graphql, schema/supergraph.graphql and the
//                            trusted-documents manifest schema/operations/manifest.json
// npm run compose -- --check exit 1 when the committed files are stale
import { writeFile } from "node:fs/promises";
import { relative } from "node:path";
import { composeProblems } from "./lib/compose-check.js";
import { composeSupergraph, staleFiles } from "./lib/supergraph.js";

const check = process.argv.includes("--check");
const composed = await composeSupergraph();
const stale = await staleFiles(composed);
if (check) {
  const problems = composeProblems();
  if (problems.length) {
    console.error(`docker-compose.yml does not run the registered subgraphs as schema/subgraphs.yaml says:\n${problems.map((p) => `- ${p}`).join("\n")}`);
    process.exit(1);
  }
  if (stale.length) {
    console.error(`Stale generated schema: ${stale.map((path) => relative(process.cwd(), path)).join(", ")}. Run \`npm run compose\` and commit.`);
    process.exit(1);
  }
  console.log("schema/supergraph.graphql and schema/operations/manifest.json are up to date.");
} else {
  for (const [path, content] of composed.files) await writeFile(path, content);
  console.log(stale.length ? `Wrote ${stale.map((path) => relative(process.cwd(), path)).join(", ")}.` : "Nothing changed.");
}

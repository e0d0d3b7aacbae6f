import { describe, expect, it } from "vitest";
import { composeSupergraph, staleFiles } from "../../scripts/lib/supergraph.js";

describe("the committed supergraph", () => {
  it("(with the manifest and docker-compose.yml's subgraph services) is what the subgraphs' code composes today (run `npm run compose` and commit when this fails)", async () => {
    const composed = await composeSupergraph();
    expect(await staleFiles(composed)).toEqual([]);
  });

  it("has a rule for every field in schema/access-policy.yaml, and no rule for a field that is gone", async () => {
    const composed = await composeSupergraph();
    expect(composed.policyProblems).toEqual([]);
  });
});


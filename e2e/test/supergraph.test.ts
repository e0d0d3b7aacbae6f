import { describe, expect, it } from "vitest";
import { composeProblems } from "../../scripts/lib/compose-check.js";
import { composeSupergraph, staleFiles } from "../../scripts/lib/supergraph.js";

describe("the committed supergraph", () => {
  it("is what the subgraphs' code composes today (run `npm run compose` and commit when this fails)", async () => {
    const composed = await composeSupergraph();
    expect(await staleFiles(composed)).toEqual([]);
  });
});

describe("docker-compose.yml", () => {
  it("runs every subgraph of schema/subgraphs.yaml as the registry says, and the gateway reaches each", () => {
    expect(composeProblems()).toEqual([]);
  });
});

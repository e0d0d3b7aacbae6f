// The errors that stand for the fields of a subgraph that did not answer: every field left null is covered.
import { describe, expect, it } from "vitest";
import { unavailableResponse } from "../src/unavailable.js";

const paths = (query: string, variables?: Record<string, unknown>) => unavailableResponse(undefined, query, variables).errors.map((error) => error.path);
const members = (count: number) => ({ representations: Array.from({ length: count }, (_, i) => ({ __typename: "Member", id: String(i) })) });

describe("the fields a fetch would have filled", () => {
  it("are found through the client's named fragments, which the planner reuses in its fetches", () => {
    const query = `query Q__pqrs__1($representations: [_Any!]!) { _entities(representations: $representations) { ... on Member { ...Home } } }
      fragment Home on Member { pqrs(first: 5) { totalCount } ...More }
      fragment More on Member { open: pqrs(first: 1) { totalCount } ...Home }`;
    expect(paths(query, members(1))).toEqual([
      ["_entities", 0, "pqrs"],
      ["_entities", 0, "open"],
    ]);
  });

  it("are the root fields, by alias, for a root fetch", () => {
    expect(paths(`query Q__directory__0 { nearest: nearestEmergencyRooms(municipalityCode: "76001") { name } offices(municipalityCode: "76001") { name } }`)).toEqual([["nearest"], ["offices"]]);
  });

  it("become one error per entity when one per field would pass 100, so no null goes without its error", () => {
    const query = `query Q__billing__2($representations: [_Any!]!) { _entities(representations: $representations) { ... on Member { a: pacInvoices { totalCount } b: pacStatement { balanceDue } } } }`;
    expect(paths(query, members(50))).toHaveLength(100);
    const many = paths(query, members(100));
    expect(many).toHaveLength(100);
    expect(many.at(-1)).toEqual(["_entities", 99]);
  });

  it("are one error without a path when the document cannot be read", () => {
    expect(paths("{ not graphql")).toEqual([undefined]);
  });
});

import { Supergraph, printSchema } from "@apollo/federation-internals";
import {
  DEFAULT_DEPRECATION_REASON,
  type GraphQLSchema,
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
} from "graphql";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { SUPERGRAPH_PATH, composeSupergraph, staleFiles } from "../../scripts/lib/supergraph.js";

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

/** The API schema clients see (no join__ machinery, no @inaccessible fields), from the committed supergraph. */
async function apiSchema(): Promise<GraphQLSchema> {
  const supergraph = await readFile(SUPERGRAPH_PATH, "utf8");
  return buildSchema(printSchema(Supergraph.build(supergraph).apiSchema()));
}

/** Every type, field, argument, input field and enum value of a schema, by its coordinate (`Type.field(arg)`). */
function* schemaElements(schema: GraphQLSchema): Generator<{ coordinate: string; description: string | null | undefined; deprecationReason?: string | null | undefined }> {
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || (isScalarType(type) && isSpecifiedScalarType(type))) continue;
    yield { coordinate: `type ${type.name}`, description: type.description };
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        yield { coordinate: `${type.name}.${field.name}`, description: field.description, deprecationReason: field.deprecationReason };
        for (const arg of "args" in field ? field.args : []) {
          yield { coordinate: `${type.name}.${field.name}(${arg.name})`, description: arg.description, deprecationReason: arg.deprecationReason };
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        yield { coordinate: `${type.name}.${value.name}`, description: value.description, deprecationReason: value.deprecationReason };
      }
    }
  }
}

describe("the public API schema explains itself", () => {
  it("describes every type, field, argument and enum value (in Spanish, at its source: the decorator's description)", async () => {
    const undescribed = [...schemaElements(await apiSchema())].filter((element) => !element.description?.trim()).map((element) => element.coordinate);
    expect(
      undescribed,
      `${undescribed.length} elements of the API schema have no description; add one where each is declared ` +
        "(@ObjectType/@InputType, @Field, @Arg, registerEnumType's description and valuesConfig), then run `npm run compose`:\n  " +
        undescribed.join("\n  "),
    ).toEqual([]);
  });

  it("gives a reason for every deprecation", async () => {
    const unexplained = [...schemaElements(await apiSchema())]
      .filter((element) => element.deprecationReason != null && (!element.deprecationReason.trim() || element.deprecationReason === DEFAULT_DEPRECATION_REASON))
      .map((element) => element.coordinate);
    expect(
      unexplained,
      `${unexplained.length} deprecated elements of the API schema give no reason; say what to use instead ` +
        "(`@Field(() => X, { deprecationReason: \"Use … instead\" })`), then run `npm run compose`:\n  " +
        unexplained.join("\n  "),
    ).toEqual([]);
  });
});

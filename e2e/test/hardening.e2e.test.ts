import { PERSONAS, PERSONA_EMPLOYER_NIT } from "@sos/personas";
import { formatNit } from "@sos/kit";
import { errorCodes, graphqlRequest } from "@sos/kit/testing";
import { getIntrospectionQuery } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_GATEWAY_SECRET, startStack, trustedOperation, type Stack } from "./stack.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const member = PERSONAS["member"]!;

/** The query that ran the affiliation subgraph out of memory: each level multiplies the answer. */
function nestedFamily(levels: number): string {
  let selection = "id";
  for (let level = 0; level < levels; level++) selection = `familyGroup { beneficiaries { ${selection} } }`;
  return `{ me { ${selection} } }`;
}

/** Sends `work` and says how many requests reached the subgraph meanwhile. */
async function subgraphCalls(work: () => Promise<unknown>): Promise<number> {
  const before = stack.subgraphRequests();
  await work();
  return stack.subgraphRequests() - before;
}

describe("operation limits at the gateway", () => {
  it("answer an operation name the document lacks as the client's mistake, not an internal error", async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", authorization: `Bearer ${await stack.token(member)}` },
      body: JSON.stringify({ query: "query MemberHome { me { id } }", operationName: "SomethingElse" }),
    });
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(body.errors[0]?.message).toContain("SomethingElse");
  });

  it("answer 400, not 500, to an operation name the document lacks, a subscription and an unnamed pick of several operations", async () => {
    const token = await stack.token(member);
    for (const [query, operationName] of [
      ["query MemberHome { me { id } }", "SomethingElse"],
      ["subscription { me { id } }", undefined],
      ["query A { me { id } } query B { me { fullName } }", undefined],
    ] as const) {
      const response = await fetch(stack.gatewayUrl, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/graphql-response+json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, operationName }),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors.map((error) => error.extensions.code)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    }
  });

  it("price introspection by the schema, not as data: GraphiQL's query passes, the whole schema under many aliases does not", async () => {
    const analyst = PERSONAS["analyst"]!;
    const standard = await stack.query<{ __schema: { types: unknown[] } }>(getIntrospectionQuery({ descriptions: true }), { viewer: analyst });
    expect(standard.errors, JSON.stringify(standard.errors)).toBeUndefined();
    expect(standard.data?.__schema.types.length).toBeGreaterThan(100);
    const many = Array.from({ length: 9 }, (_, i) => `s${i}: __schema { types { name fields { name } } }`).join(" ");
    expect(errorCodes(await stack.query(`{ ${many} }`, { viewer: analyst }))).toEqual(["COST_LIMIT_EXCEEDED"]);
  });

  it("refuse the 40-level query that crashed the subgraph, without calling it", async () => {
    let result: Awaited<ReturnType<Stack["query"]>> | undefined;
    const calls = await subgraphCalls(async () => {
      result = await stack.query(nestedFamily(40), { viewer: member });
    });
    expect(calls).toBe(0);
    expect(result?.status).toBe(400);
    expect(errorCodes(result!)).toEqual(["DEPTH_LIMIT_EXCEEDED"]);
    expect(result?.errors?.[0]?.extensions).toMatchObject({ limit: 10, found: 82 });
  });

  it("refuse a 50-deep query and an alias bomb, each with its own code and the limit", async () => {
    const deep = await stack.query(nestedFamily(25), { viewer: member });
    expect(errorCodes(deep)).toEqual(["DEPTH_LIMIT_EXCEEDED"]);

    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: me { id }`).join(" ");
    const bomb = await stack.query(`{ ${aliases} }`, { viewer: member });
    expect(errorCodes(bomb)).toEqual(expect.arrayContaining(["ALIAS_LIMIT_EXCEEDED"]));
    expect(bomb.errors?.find((e) => e.extensions?.code === "ALIAS_LIMIT_EXCEEDED")?.extensions).toMatchObject({ limit: 15, found: 20 });
  });

  it("stop a 500-alias document at the parser's token limit", async () => {
    const aliases = Array.from({ length: 500 }, (_, i) => `a${i}: me { id }`).join(" ");
    const calls = await subgraphCalls(async () => {
      const result = await stack.query(`{ ${aliases} }`, { viewer: member });
      expect(errorCodes(result)).toEqual(["TOKEN_LIMIT_EXCEEDED"]);
      expect(result.errors?.[0]?.extensions?.["limit"]).toBe(1500);
    });
    expect(calls).toBe(0);
  });

  it("refuse too many root fields and too many directives", async () => {
    const roots = Array.from({ length: 11 }, (_, i) => `r${i}: me { id }`).join(" ");
    expect(errorCodes(await stack.query(`{ ${roots} }`, { viewer: member }))).toEqual(["ROOT_FIELD_LIMIT_EXCEEDED"]);
    const fields = ["id", "documentType", "documentNumber", "firstName", "middleName", "firstSurname", "secondSurname", "birthDate", "sex", "regime", "state"];
    const directives = fields.map((field) => `${field} @include(if: true) @skip(if: false)`).join(" ");
    const result = await stack.query(`{ me { ${directives} } }`, { viewer: member });
    expect(errorCodes(result)).toEqual(["DIRECTIVE_LIMIT_EXCEEDED"]);
    expect(result.errors?.[0]?.extensions).toMatchObject({ limit: 20, found: 22 });
  });

  it("refuse an operation whose estimated cost is over the limit, and report the cost of those that run", async () => {
    // Twelve aliased pages of 100 dependents each, under the alias limit: 1,200 rows in one request.
    const pages = Array.from({ length: 12 }, (_, i) => `p${i}: dependents(first: 100) { nodes { fullName familyGroup { size } } }`).join(" ");
    const expensive = await stack.query(`{ employer(nit: "${formatNit(PERSONA_EMPLOYER_NIT)}") { ${pages} } }`, { viewer: PERSONAS["employer"] });
    expect(errorCodes(expensive)).toEqual(["COST_LIMIT_EXCEEDED"]);
    const extensions = expensive.errors?.[0]?.extensions as { limit: number; found: number };
    expect(extensions.limit).toBe(2000);
    expect(extensions.found).toBeGreaterThan(2000);

    // A negative page is not a way to cancel the cost of the fields beside it.
    const deepPage = `y: dependents(first: 100) { nodes { familyGroup { beneficiaries { familyGroup { beneficiaries { id } } } } } }`;
    const negative = await stack.query(`{ employer(nit: "${formatNit(PERSONA_EMPLOYER_NIT)}") { x: dependents(first: -100000) { nodes { id } } ${deepPage} } }`, {
      viewer: PERSONAS["employer"],
    });
    expect(errorCodes(negative)).toEqual(["COST_LIMIT_EXCEEDED"]);

    // me 1 + familyGroup 1 + beneficiaries (1 + 10 assumed × primaryIps 1): scalars are free.
    const cheap = await stack.query(`{ me { id familyGroup { beneficiaries { id primaryIps { habilitationCode } } } } }`, { viewer: member });
    expect(cheap.errors).toBeUndefined();
    expect(cheap.extensions?.["cost"]).toEqual({ estimated: 13, limit: 2000 });

    // Estimates are remembered per document *and* variables: the same page size costs the same, another its own.
    const costOf = async (first: number): Promise<number> => {
      const page = await stack.query(`query Page($first: Int) { employer(nit: "${formatNit(PERSONA_EMPLOYER_NIT)}") { dependents(first: $first) { nodes { id fullName employer { name } } } } }`, {
        viewer: PERSONAS["employer"],
        variables: { first },
      });
      expect(page.errors).toBeUndefined();
      return (page.extensions?.["cost"] as { estimated: number }).estimated;
    };
    const [ten, fifty] = [await costOf(10), await costOf(50)];
    expect(fifty).toBeGreaterThan(ten);
    expect(await costOf(10)).toBe(ten);
    expect(await costOf(50)).toBe(fifty);
  });
});

describe("operation limits at a subgraph called directly", () => {
  const direct = (query: string, headers: Record<string, string>) =>
    fetch(stack.subgraphUrl, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json", ...headers },
      body: JSON.stringify({ query }),
    });

  it("refuse a call that does not come through the gateway, and accept the gateway's secret", async () => {
    const token = await stack.token(member);
    const without = await direct("{ me { id } }", { authorization: `Bearer ${token}` });
    expect(without.status).toBe(403);
    expect(((await without.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe("FORBIDDEN");
    const wrong = await direct("{ _service { sdl } }", { "x-gateway-secret": "not-the-secret-at-all" });
    expect(wrong.status).toBe(403);
    const withSecret = await direct("{ me { id } }", { authorization: `Bearer ${token}`, "x-gateway-secret": TEST_GATEWAY_SECRET });
    expect(withSecret.status).toBe(200);
    // Health checks stay open to the orchestrator.
    expect((await fetch(stack.subgraphUrl.replace("/graphql", "/health/live"))).status).toBe(200);
  });

  it("refuse the crashing query itself, even with the gateway's secret", async () => {
    const token = await stack.token(member);
    const response = await direct(nestedFamily(40), { authorization: `Bearer ${token}`, "x-gateway-secret": TEST_GATEWAY_SECRET });
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(response.status).toBe(400);
    expect(body.errors.map((error) => error.extensions.code)).toEqual(["DEPTH_LIMIT_EXCEEDED"]);
  });
});

describe("trusted documents", () => {
  it("run a reviewed operation by id for a partner clinic, and refuse an unknown id", async () => {
    const ips = PERSONAS["ips"]!;
    const listed = await stack.persisted("AssignedPatients", { viewer: ips, variables: { first: 2 } });
    expect(listed.errors).toBeUndefined();
    const unknown = await graphqlRequest(stack.gatewayUrl, null, {
      token: await stack.token(ips),
      extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } },
    });
    expect(unknown.status).toBe(400);
    expect(errorCodes(unknown)).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
  });

  it("accept the persisted-documents form (documentId) as well", async () => {
    const { id } = trustedOperation("MemberHome");
    const response = await fetch(stack.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await stack.token(member)}` },
      body: JSON.stringify({ documentId: `sha256:${id}` }),
    });
    const body = (await response.json()) as { data: { me: { fullName: string } } };
    expect(body.data.me.fullName).toBe("María Fernanda Valencia Muñoz");
  });
});

describe("text no person types", () => {
  it("is refused in any argument, naming the field, before any validator or the database sees it", async () => {
    const members = () => stack.subgraphs["affiliation"]!.connection.collection("members");
    const before = await members().findOne({ _id: member.memberId as never });
    // Half an emoji made the e-mail validator throw (an internal error, found by npm run reliability).
    for (const [input, field] of [
      [{ email: "maria\ud800@correo.example" }, "input.email"],
      [{ address: "Calle 5 \u0000 # 10-20" }, "input.address"],
      [{ mobile: "3001234567", landline: "\udfff" }, "input.landline"],
    ] as const) {
      const result = await stack.query(`mutation($input: UpdateContactDataInput!) { updateContactData(input: $input) { id } }`, { viewer: member, variables: { input } });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    // A scalar argument too, and an emoji whole is welcome.
    const lookup = await stack.query(`query($code: String!) { verifyCertificate(code: $code) { genuine } }`, { variables: { code: "SOS-\ud83d" } });
    expect(lookup.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "code" });
    const emoji = await stack.query(`query($code: String!) { verifyCertificate(code: $code) { genuine } }`, { variables: { code: "SOS-😀" } });
    expect(emoji.errors?.[0]?.extensions?.["code"]).not.toBe("INTERNAL");
    expect(await members().findOne({ _id: member.memberId as never })).toEqual(before);
  });
});

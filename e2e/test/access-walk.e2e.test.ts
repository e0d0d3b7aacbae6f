import type { Viewer } from "@sos/kit";
import { PERSONAS } from "@sos/personas";
import { Supergraph } from "@apollo/federation-internals";
import { buildSchema, getNamedType, isObjectType, printSchema, type GraphQLObjectType, type GraphQLSchema } from "graphql";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { startPseSandbox, type PseSandbox } from "@sos/billing-pac/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAccessPolicy, type AccessPolicy } from "../../scripts/lib/access-policy.js";
import { judgeAnswer, type Finding } from "./access-walk/judge.js";
import { fillCall, resolveSamples, type SeededMember } from "./access-walk/samples.js";
import { argumentsText, buildSelection, placeholderArguments, printSelection, type Selection } from "./access-walk/selection.js";
import { SUPERGRAPH_FILE, startStack, type Stack } from "./stack.js";

// The role × field walk (docs/access-policy.md): every persona of every role calls every query with the
// table's argument sets (their own data and others'), reads every field below it, and each value and each
// refusal in the answers is judged against schema/access-policy.yaml with relations computed here from
// the seeded members. Then every mutation is sent by every role the table does not admit, and nothing in
// any database may change.

/** A persona the walk signs in as; a missing one fails loudly rather than walking as nobody. */
const persona = (name: string): Viewer => {
  const viewer = PERSONAS[name];
  if (!viewer) throw new Error(`No persona named ${name} in @sos/personas`);
  return viewer;
};
const VIEWERS: readonly [string, Viewer | null][] = [
  ["anonymous", null],
  ...(["member", "beneficiary", "employer", "ips", "agent", "analyst"] as const).map((name): [string, Viewer] => [name, persona(name)]),
  ["auditor", { subject: "user-auditor-0001", role: "AUDITOR" }],
  ["admin", { subject: "user-admin-0001", role: "ADMIN" }],
];
const PURPOSE = { "x-access-purpose": "Recorrido de control de acceso (prueba)" };
// Answers big enough to hold every field: the limits that bound clients' queries are not what is tested here.
const WIDE_LIMITS = { GRAPHQL_MAX_DEPTH: "40", GRAPHQL_MAX_TOKENS: "200000", GRAPHQL_MAX_COST: "100000000", GRAPHQL_MAX_ALIASES: "100" };

let stack: Stack;
let bank: PseSandbox;
const PSE_SECRET = "walk-pse-secret-0123456789";
let schema: GraphQLSchema;
let policy: AccessPolicy;
let members: Map<string, SeededMember>;
let samples: Map<string, unknown>;

beforeAll(async () => {
  // The bank's list of PSE banks is read from a bank: the sandbox plays it.
  bank = await startPseSandbox({ secret: PSE_SECRET });
  stack = await startStack({
    env: WIDE_LIMITS,
    subgraphEnv: { ...WIDE_LIMITS, PSE_URL: bank.url, PSE_SECRET },
    // Clinics may send only trusted documents: the walk lets the persona clinic send its own, so what the
    // subgraphs enforce is tested as if the allowlist had a hole.
    gatewayOverride: { adHocCallers: ["ANONYMOUS", "MEMBER", "EMPLOYER", "IPS", "AGENT", "ANALYST", "AUDITOR", "ADMIN"] },
  });
  schema = buildSchema(printSchema(Supergraph.build(readFileSync(SUPERGRAPH_FILE, "utf8")).apiSchema().toGraphQLJSSchema()));
  policy = loadAccessPolicy();
  const rows = await stack.connection.collection("members").find({}).toArray();
  members = new Map(
    rows.map((row) => [
      String(row["_id"]),
      {
        cotizanteId: (row["cotizanteId"] as string | null) ?? null,
        state: String(row["state"]),
        birthDate: String(row["birthDate"]).slice(0, 10),
        employerNit: (row["employerNit"] as string | null) ?? null,
        primaryIpsCode: (row["primaryIpsCode"] as string | null) ?? null,
        documentType: String(row["documentType"]),
        documentNumber: String(row["documentNumber"]),
        regime: String(row["regime"]),
        sisbenGroup: (row["sisbenGroup"] as string | null) ?? null,
      },
    ]),
  );
  // The seed files no affiliation application: one, filed as anyone files it, for the agents' list.
  const filed = await stack.query(`mutation($input: AffiliationApplicationInput!) { applyForAffiliation(input: $input) { filingNumber } }`, {
    variables: {
      input: {
        person: { documentType: "CC", documentNumber: "1144000001", firstName: "Luz", middleName: "Dary", firstSurname: "Mosquera", secondSurname: "Angulo", birthDate: "1990-03-14", sex: "FEMENINO" },
        contact: { email: "luz.recorrido@correo.example", mobile: "3154445566" },
        municipalityCode: "76001",
        regime: "SUBSIDIADO",
        sisbenGroup: "A3",
      },
    },
  });
  if (filed.errors) throw new Error(`The walk could not file its application: ${JSON.stringify(filed.errors)}`);
  const connections = Object.fromEntries(Object.values(stack.subgraphs).map((subgraph) => [subgraph.name, subgraph.connection]));
  samples = await resolveSamples({ connections, members });
  // A certificate of María's, for anyone to verify.
  const certificate = await stack.query<{ issueAffiliationCertificate: { code: string } }>(`mutation { issueAffiliationCertificate { code } }`, { viewer: persona("member") });
  samples.set("@certificate", certificate.data?.issueAffiliationCertificate.code);
  // A support document of María's (the seed has none), for the walk to read.
  const pdf = Buffer.from("%PDF-1.4\n% soporte del recorrido\n%%EOF\n");
  const ticket = await stack.query<{ requestAuthorizationAttachmentUpload: { uploadPath: string } }>(
    `mutation($size: Int!) { requestAuthorizationAttachmentUpload(contentType: PDF, size: $size) { uploadPath } }`,
    { viewer: persona("member"), variables: { size: pdf.length } },
  );
  const uploaded = await fetch(`${stack.gatewayBase}${ticket.data?.requestAuthorizationAttachmentUpload.uploadPath}`, { method: "PUT", headers: { "content-type": "application/pdf" }, body: pdf });
  if (uploaded.status !== 201) throw new Error(`The walk could not upload its support document: ${uploaded.status}`);
}, 180_000);

afterAll(async () => {
  await stack?.close();
  await bank?.close();
});

/** The root field's query: its arguments as the call gives them, and every field below it. */
function operation(kind: "query" | "mutation", rootType: GraphQLObjectType, field: string, args: Record<string, unknown>): { text: string; selection: Selection } {
  const definition = rootType.getFields()[field];
  if (!definition) throw new Error(`${rootType.name}.${field} is not in the graph`);
  const target = getNamedType(definition.type);
  // A refused mutation answers nothing: its type name is all it selects.
  const below = isObjectType(target) ? (kind === "query" ? buildSelection(schema, policy, target) : { fields: new Map() }) : null;
  const selection: Selection = { fields: new Map([[field, { args: argumentsText(definition, args), type: isObjectType(target) ? target : null, below }]]) };
  return { text: `${kind} AccessWalk { ${printSelection(selection).replace(/^__typename /, "")} }`, selection };
}

async function ask(text: string, viewer: Viewer | null) {
  return stack.query(text, { ...(viewer && { viewer }), headers: PURPOSE });
}

describe("the role × field walk over the whole graph", () => {
  const served = new Map<string, Set<string>>();
  const answeredRoles = new Map<string, Set<string>>();
  const refusals = new Map<string, string>();

  it("serves no value the table does not admit and refuses none it admits, to any role, on anyone's data", async () => {
    const queryType = schema.getQueryType() as GraphQLObjectType;
    const findings: Finding[] = [];
    const skipped: string[] = [];
    let longest = 0;
    const timings: [string, number][] = [];
    // The ledger's readers go last: by then the ledger holds the walk's own reads.
    const queries = [...policy.queries].sort(([a], [b]) => Number(a.startsWith("accessLedger")) - Number(b.startsWith("accessLedger")));
    for (const [field, root] of queries) {
      for (const call of root.calls) {
        const args = fillCall(call, samples);
        if (!args) {
          skipped.push(`${field}(${JSON.stringify(call)})`);
          continue;
        }
        const { text, selection } = operation("query", queryType, field, args);
        longest = Math.max(longest, text.length);
        const started = performance.now();
        await Promise.all(
          VIEWERS.map(async ([name, viewer]) => {
            const result = await ask(text, viewer);
            findings.push(...judgeAnswer({ policy, viewer, viewerName: name, members, rootType: queryType, rootField: field, selection, data: result.data, errors: result.errors, served }));
            // The root let the role through when its answer has data, or when only fields below it were refused.
            const rootRefused = (result.errors ?? []).some((error) => (error.path?.length ?? 0) <= 1);
            const answered = !rootRefused && (result.data?.[field] != null || (result.errors ?? []).length > 0);
            if (!answered) {
              refusals.set(`${field} for ${viewer?.role ?? "ANONYMOUS"}`, (result.errors ?? []).map((error) => `${error.extensions?.["code"]}: ${error.message}`).join("; "));
            } else {
              if (!answeredRoles.has(field)) answeredRoles.set(field, new Set());
              answeredRoles.get(field)?.add(viewer?.role ?? "ANONYMOUS");
            }
          }),
        );
        timings.push([`${field}(${JSON.stringify(call)})`, performance.now() - started]);
      }
    }
    console.info(`access walk: slowest calls ${timings.sort((a, b) => b[1] - a[1]).slice(0, 12).map(([call, ms]) => `${call} ${Math.round(ms)} ms`).join("; ")}`);
    console.info(`access walk: longest query ${longest} characters`);
    if (skipped.length) console.info(`access walk: no record in today's seed for ${skipped.join(", ")}`);
    expect(findings.map((finding) => `${finding.kind}: ${finding.message}`)).toEqual([]);
  }, 300_000);

  it("answers every query to every role the table gives it (on some of the calls), so no refusal goes unseen", () => {
    const missing: string[] = [];
    for (const [field, root] of policy.queries) {
      const roles = root.roles === "public" ? ["ANONYMOUS"] : root.roles;
      for (const role of roles) {
        if (!answeredRoles.get(field)?.has(role) && VIEWERS.some(([, viewer]) => (viewer?.role ?? "ANONYMOUS") === role)) missing.push(`${field} for ${role} (${refusals.get(`${field} for ${role}`) ?? "not called"})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("reads a value of nearly every field a query can reach (the walk is not blind)", () => {
    // Types only mutations return (a session, a receipt) are not read by a walk of queries.
    const reachable = new Set<string>();
    const visit = (type: GraphQLObjectType): void => {
      if (reachable.has(type.name)) return;
      reachable.add(type.name);
      for (const field of Object.values(type.getFields())) {
        const target = getNamedType(field.type);
        if (isObjectType(target)) visit(target);
      }
    };
    for (const field of Object.values((schema.getQueryType() as GraphQLObjectType).getFields())) {
      const target = getNamedType(field.type);
      if (isObjectType(target)) visit(target);
    }
    const all = [...reachable].flatMap((name) => Object.keys((schema.getType(name) as GraphQLObjectType).getFields()).map((field) => `${name}.${field}`));
    const unread = all.filter((field) => !served.has(field));
    console.info(`access walk: ${all.length - unread.length} of ${all.length} fields read with a value; never read: ${unread.join(", ")}`);
    expect(unread.length / all.length).toBeLessThan(0.1);
  });

  it("answers, to everyone but staff, a member who is not theirs as one who does not exist (no probing who is affiliated)", async () => {
    const lookups: [string, Record<string, unknown>, Record<string, unknown>][] = [
      ["member", { id: "@stranger" }, { id: "000000000000000000000000" }],
      ["memberByDocument", { documentType: "@stranger.documentType", documentNumber: "@stranger.documentNumber" }, { documentType: "CC", documentNumber: "1999999999" }],
    ];
    const queryType = schema.getQueryType() as GraphQLObjectType;
    const answer = async (field: string, call: Record<string, unknown>, viewer: Viewer | null) => {
      const args = fillCall(call, samples);
      if (!args) throw new Error(`No seeded stranger for ${field}`);
      const result = await ask(`query { ${field}${argumentsText(queryType.getFields()[field]!, args)} { id fullName } }`, viewer);
      return { data: result.data?.[field] ?? null, codes: (result.errors ?? []).map((error) => error.extensions?.["code"]).sort() };
    };
    for (const [field, stranger, nobody] of lookups) {
      for (const [name, viewer] of VIEWERS.filter(([, viewer]) => viewer?.role !== "AGENT")) {
        expect({ viewer: name, ...(await answer(field, stranger, viewer)) }).toEqual({ viewer: name, ...(await answer(field, nobody, viewer)) });
      }
    }
  });

  it("refuses every mutation to every role the table does not give it, and on others' records to every role but staff; no database changes", async () => {
    const mutationType = schema.getMutationType() as GraphQLObjectType;
    const before = await databaseDigest();
    const wrong: string[] = [];
    for (const [field, root] of policy.mutations) {
      if (root.roles === "public") continue;
      const definition = mutationType.getFields()[field];
      if (!definition) continue;
      // The table's valid example, so the refusal is the role check's; else arguments of the right types.
      const examples = root.calls.filter((call) => Object.keys(call).length);
      const filled = examples.map((call) => fillCall(call, samples)).filter((args) => args !== null);
      const texts = (filled.length ? filled : [placeholderArguments(definition)]).map((args) => operation("mutation", mutationType, field, args).text);
      const roles = root.roles;
      await Promise.all(
        VIEWERS.filter(([, viewer]) => !viewer || !roles.includes(viewer.role)).flatMap(([name, viewer]) => texts.map((text) => [name, viewer, text] as const)).map(async ([name, viewer, text]) => {
          const result = await ask(text, viewer);
          const codes = (result.errors ?? []).map((error) => error.extensions?.["code"]);
          if (result.data?.[field] != null || !codes.length || codes.some((code) => code !== "FORBIDDEN" && code !== "UNAUTHENTICATED")) {
            wrong.push(`${field} by ${name}: ${JSON.stringify(result.errors ?? result.data)}`);
          }
        }),
      );
    }
    // Admitted roles (but staff) on the record of someone no persona is related to: refused too.
    for (const [field, root] of policy.mutations) {
      if (root.roles === "public" || !root.refusedCalls.length) continue;
      const roles = root.roles;
      const texts = root.refusedCalls.map((call) => fillCall(call, samples)).filter((args) => args !== null).map((args) => operation("mutation", mutationType, field, args).text);
      await Promise.all(
        VIEWERS.filter(([, viewer]) => viewer && viewer.role !== "AGENT" && roles.includes(viewer.role)).flatMap(([name, viewer]) => texts.map((text) => [name, viewer, text] as const)).map(async ([name, viewer, text]) => {
          const result = await ask(text, viewer);
          const codes = (result.errors ?? []).map((error) => error.extensions?.["code"]);
          if (result.data?.[field] != null || !codes.length || codes.some((code) => code !== "FORBIDDEN")) wrong.push(`${field} on someone else's record by ${name}: ${JSON.stringify(result.errors ?? result.data)}`);
        }),
      );
    }
    expect(wrong).toEqual([]);
    expect(await databaseDigest()).toEqual(before);
  }, 120_000);
});

/** A digest of every document of every subgraph's database (the ledger aside: reads append to it). */
async function databaseDigest(): Promise<Record<string, string>> {
  const digest: Record<string, string> = {};
  for (const subgraph of Object.values(stack.subgraphs)) {
    for (const { name } of await subgraph.connection.db!.listCollections().toArray()) {
      if (name === "access_ledger" || name === "ledger_head") continue;
      const hash = createHash("sha256");
      for (const document of await subgraph.connection.collection(name).find({}).sort({ _id: 1 }).toArray()) hash.update(JSON.stringify(document));
      digest[`${subgraph.name}.${name}`] = hash.digest("hex");
    }
  }
  return digest;
}

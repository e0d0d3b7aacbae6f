// Access across subgraphs (docs/access.md): a second subgraph keeps notes about members and decides
// who may read each by the viewer's relation to the member, which only affiliation knows.
import { PERSONAS, PERSONA_FAMILY_IDS, PERSONA_IDS } from "@sos/personas";
import { errorCodes } from "@sos/kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notes, type NoteDoc } from "./notes/notes.subgraph.js";
import { TEST_GATEWAY_SECRET, startStack, type Stack } from "./stack.js";

let stack: Stack;
const family = PERSONA_FAMILY_IDS;
const NOTES: NoteDoc[] = [
  { _id: "n-child-clinical", memberId: family.youngerChild, kind: "CLINICAL", text: "Control de crecimiento" },
  { _id: "n-child-admin", memberId: family.youngerChild, kind: "ADMINISTRATIVE", text: "Carné entregado" },
  { _id: "n-spouse-clinical", memberId: family.beneficiary, kind: "CLINICAL", text: "Diagnóstico del cónyuge" },
  { _id: "n-spouse-admin", memberId: family.beneficiary, kind: "ADMINISTRATIVE", text: "Actualizó su correo" },
  { _id: "n-member-clinical", memberId: family.member, kind: "CLINICAL", text: "Diagnóstico de María Fernanda" },
  { _id: "n-member-admin", memberId: family.member, kind: "ADMINISTRATIVE", text: "Certificado de afiliación enviado" },
  { _id: "n-other-clinical", memberId: family.otherMember, kind: "CLINICAL", text: "Diagnóstico de otra familia" },
];

beforeAll(async () => {
  stack = await startStack({ extraSubgraphs: [notes] });
  await stack.subgraphs["notes"]!.connection.collection("notes").insertMany(NOTES as never[]);
});
afterAll(async () => {
  await stack?.close();
});

const MEMBER_NOTES = `query($id: ID!) { member(id: $id) { id notes { _id } } }`;
const noteIds = (result: { data?: unknown }) =>
  ((result.data as { member?: { notes: { _id: string }[] } } | undefined)?.member?.notes ?? []).map((note) => note._id).sort();

describe("a record about a member, in another subgraph", () => {
  it("is readable by the member themself", async () => {
    const result = await stack.query(MEMBER_NOTES, { viewer: PERSONAS["member"], variables: { id: family.member } });
    expect(result.errors).toBeUndefined();
    expect(noteIds(result)).toEqual(["n-member-admin", "n-member-clinical"]);
  });

  it("shows a minor's clinical notes to the cotizante (carer), but an adult beneficiary's administrative notes only", async () => {
    const child = await stack.query(MEMBER_NOTES, { viewer: PERSONAS["member"], variables: { id: family.youngerChild } });
    expect(noteIds(child)).toEqual(["n-child-admin", "n-child-clinical"]);
    const spouse = await stack.query(MEMBER_NOTES, { viewer: PERSONAS["member"], variables: { id: family.beneficiary } });
    expect(noteIds(spouse)).toEqual(["n-spouse-admin"]);
  });

  it("shows the employer its dependent's administrative notes, never a clinical one", async () => {
    const result = await stack.query(`{ employer(nit: "900123456-8") { dependents(first: 100) { nodes { id notes { _id kind } } } } }`, { viewer: PERSONAS["employer"] });
    expect(result.errors).toBeUndefined();
    const nodes = (result.data as { employer: { dependents: { nodes: { id: string; notes: { _id: string; kind: string }[] }[] } } }).employer.dependents.nodes;
    const maria = nodes.find((node) => node.id === family.member);
    expect(maria?.notes.map((note) => note._id)).toEqual(["n-member-admin"]);
    expect(nodes.flatMap((node) => node.notes).every((note) => note.kind === "ADMINISTRATIVE")).toBe(true);
  });

  it("answers another family's note and a note that does not exist alike", async () => {
    const other = await stack.query(`{ note(id: "n-other-clinical") { text } }`, { viewer: PERSONAS["member"] });
    const missing = await stack.query(`{ note(id: "n-nobody") { text } }`, { viewer: PERSONAS["member"] });
    expect(errorCodes(other)).toEqual(["FORBIDDEN"]);
    expect(missing.errors?.[0]).toMatchObject({ message: other.errors?.[0]?.message, extensions: { code: "FORBIDDEN" } });
  });

  it("is never shown for a forged entity representation, even from inside the network", async () => {
    // Someone who reaches the notes subgraph with the secret and a member's token asks for another
    // family's notes by naming that member in a representation: the relation is asked of affiliation.
    const token = await stack.token(PERSONAS["member"]!);
    const response = await fetch(stack.subgraphs["notes"]!.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-gateway-secret": TEST_GATEWAY_SECRET },
      body: JSON.stringify({
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { id notes { _id } } } }`,
        variables: { r: [{ __typename: "Member", id: PERSONA_IDS.otherMember }] },
      }),
    });
    const body = (await response.json()) as { data: { _entities: { notes: unknown[] }[] } };
    expect(body.data._entities[0]?.notes).toEqual([]);
  });

  it("is refused to analysts, and to agents without a purpose; an agent's read is recorded with it", async () => {
    const analyst = await stack.query(`{ note(id: "n-member-admin") { text } }`, { viewer: PERSONAS["analyst"] });
    expect(errorCodes(analyst)).toEqual(["FORBIDDEN"]);
    const agent = PERSONAS["agent"];
    const without = await stack.query(`{ note(id: "n-member-clinical") { text } }`, { viewer: agent });
    expect(without.errors?.[0]?.message).toMatch(/X-Access-Purpose/);
    const purpose = "Llamada: afiliada pide su historia";
    const withPurpose = await stack.query(`{ note(id: "n-member-clinical") { text } }`, { viewer: agent, headers: { "x-access-purpose": purpose } });
    expect(withPurpose.data).toEqual({ note: { text: "Diagnóstico de María Fernanda" } });
    const recorded = await stack.ledger().findOne({ chain: "notes", subjectMemberId: family.member, "actor.role": "AGENT" });
    expect(recorded).toMatchObject({ action: "NOTE_READ", purpose });
  });

  it("records every read of a clinical note, whoever reads it", async () => {
    await stack.query(MEMBER_NOTES, { viewer: PERSONAS["member"], variables: { id: family.youngerChild } });
    const recorded = await stack.ledger().findOne({ chain: "notes", subjectMemberId: family.youngerChild, action: "NOTE_READ" });
    expect(recorded?.actor).toMatchObject({ role: "MEMBER", memberId: family.member });
  });

  it("asks affiliation once per request however many members it covers", async () => {
    const before = stack.subgraphs["affiliation"]!.requests();
    await stack.query(`{ employer(nit: "900123456-8") { dependents(first: 50) { nodes { id notes { _id } } } } }`, { viewer: PERSONAS["employer"] });
    // The gateway's fetch of the dependents, then one memberAccess question from the notes subgraph.
    expect(stack.subgraphs["affiliation"]!.requests() - before).toBe(2);
  });

  it("fails closed when affiliation cannot answer: the record is not served", async () => {
    await stack.stopSubgraph();
    const token = await stack.token(PERSONAS["beneficiary"]!);
    const response = await fetch(stack.subgraphs["notes"]!.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-gateway-secret": TEST_GATEWAY_SECRET },
      body: JSON.stringify({ query: `{ note(id: "n-child-clinical") { text } }` }),
    });
    const body = (await response.json()) as { data: unknown; errors: { extensions: { code: string } }[] };
    expect(body.data).toBeNull();
    expect(body.errors.map((error) => error.extensions.code)).toEqual(["UNAVAILABLE"]);
  });
});

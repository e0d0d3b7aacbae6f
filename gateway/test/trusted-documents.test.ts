import type { HTTPGraphQLRequest } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadTrustedDocuments } from "../src/trusted-documents.js";

const body = "query Me {\n  me {\n    id\n  }\n}";
const id = createHash("sha256").update(body).digest("hex");
const manifest = JSON.stringify({ format: "apollo-persisted-query-manifest", version: 1, operations: [{ id, name: "Me", type: "query", body }] });
const post = (payload: Record<string, unknown>): HTTPGraphQLRequest => ({ method: "POST", headers: new HeaderMap(), search: "", body: payload });

describe("trusted documents", () => {
  const documents = loadTrustedDocuments(manifest);

  it("replace an id, in either form, by the reviewed document", () => {
    for (const payload of [{ extensions: { persistedQuery: { version: 1, sha256Hash: id } } }, { documentId: `sha256:${id}` }, { documentId: id }]) {
      const { request, trusted } = documents.resolve(post({ ...payload, variables: { a: 1 } }));
      expect(trusted).toBe(true);
      expect(request.body).toEqual({ query: body, variables: { a: 1 } });
    }
  });

  it("run the reviewed body even when a client sends other text with a listed id", () => {
    const { request, trusted } = documents.resolve(post({ query: "{ everything }", documentId: id }));
    expect(trusted).toBe(true);
    expect((request.body as { query: string }).query).toBe(body);
  });

  it("refuse an unknown id without a document, and treat one with a document as ad hoc", () => {
    expect(() => documents.resolve(post({ documentId: "f".repeat(64) }))).toThrow(/lista de operaciones aprobadas/);
    const adHoc = documents.resolve(post({ query: "{ me { id } }", extensions: { persistedQuery: { version: 1, sha256Hash: "f".repeat(64) } } }));
    expect(adHoc.trusted).toBe(false);
    expect(adHoc.request.body).toEqual({ query: "{ me { id } }" });
  });

  it("recognise the exact reviewed text sent as a plain query", () => {
    expect(documents.resolve(post({ query: body })).trusted).toBe(true);
    expect(documents.resolve(post({ query: "{ me { id } }" })).trusted).toBe(false);
  });

  it("refuse a manifest whose id does not match its body", () => {
    const tampered = JSON.stringify({ format: "apollo-persisted-query-manifest", version: 1, operations: [{ id, name: "Me", type: "query", body: "{ everything }" }] });
    expect(() => loadTrustedDocuments(tampered)).toThrow(/does not match/);
  });
});

// The hand-written part of @sos/client: a typed document goes out as its trusted id, never its body.
import { describe, expect, it } from "vitest";
import { GraphqlRequestError, LoginDocument, MemberHomeDocument, createClient, persistedDocumentId, persistedDocumentIds, type LoginMutation } from "../src/index.js";

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: { extensions: { persistedQuery: { version: number; sha256Hash: string } }; variables: Record<string, unknown>; query?: string };
}

/** A fetch that records what it is sent and answers `answer`. */
function fakeFetch(answer: unknown, status = 200): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const fake = (async (url: string | URL | Request, init?: RequestInit) => {
    sent.push({ url: String(url), headers: init?.headers as Record<string, string>, body: JSON.parse(String(init?.body)) as Sent["body"] });
    return new Response(typeof answer === "string" ? answer : JSON.stringify(answer), { status, headers: { "content-type": "application/json" } });
  }) as typeof fetch;
  return { fetch: fake, sent };
}

const session: LoginMutation["login"] = {
  accessToken: "access",
  expiresAt: "2026-12-01T12:15:00.000Z",
  refreshToken: "refresh",
  profile: { role: "MEMBER", memberId: "5e05a0000000000000000001", employerNit: null },
  profiles: [{ role: "MEMBER" }],
};

describe("createClient", () => {
  it("sends the trusted document's id from the manifest and the variables, never the body", async () => {
    const { fetch, sent } = fakeFetch({ data: { login: session } });
    const client = createClient({ url: "http://gateway.test/graphql", fetch });
    const data = await client.request(LoginDocument, { input: { email: "a@correo.example", password: "una clave larga" } });
    expect(data.login.accessToken).toBe("access");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe("http://gateway.test/graphql");
    expect(sent[0]!.body).toEqual({
      extensions: { persistedQuery: { version: 1, sha256Hash: persistedDocumentIds.Login } },
      variables: { input: { email: "a@correo.example", password: "una clave larga" } },
    });
    expect(sent[0]!.headers["authorization"]).toBeUndefined();
    expect(persistedDocumentId(LoginDocument)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("withToken sends the access token; an operation without variables needs none", async () => {
    const { fetch, sent } = fakeFetch({ data: { me: null } });
    await createClient({ url: "http://gateway.test/graphql", fetch }).withToken("tok").request(MemberHomeDocument);
    expect(sent[0]!.headers["authorization"]).toBe("Bearer tok");
    expect(sent[0]!.body.extensions.persistedQuery.sha256Hash).toBe(persistedDocumentIds.MemberHome);
    expect(sent[0]!.body.variables).toEqual({});
  });

  it("throws the errors with their codes, keeping partial data", async () => {
    const { fetch } = fakeFetch({ data: null, errors: [{ message: "Credenciales inválidas", extensions: { code: "UNAUTHENTICATED", requestId: "r1" } }] });
    const failure = await createClient({ url: "http://gateway.test/graphql", fetch })
      .request(LoginDocument, { input: { email: "a@correo.example", password: "otra clave" } })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GraphqlRequestError);
    expect((failure as GraphqlRequestError).codes).toEqual(["UNAUTHENTICATED"]);
    expect((failure as GraphqlRequestError).message).toBe("Login: UNAUTHENTICATED: Credenciales inválidas");
  });

  it("is typed by the document (checked by `npm run typecheck`, never run)", () => {
    const client = createClient({ url: "http://gateway.test/graphql" });
    const typesOnly = () => {
      // @ts-expect-error Login needs its input
      void client.request(LoginDocument);
      // @ts-expect-error MemberHome takes no variables
      void client.request(MemberHomeDocument, { memberId: "5e05a0000000000000000001" });
      // @ts-expect-error the result has only what the operation selects
      void client.request(MemberHomeDocument).then((data) => data.me.birthDate);
      void client.request(MemberHomeDocument).then((data) => data.me.regime satisfies "CONTRIBUTIVO" | "SUBSIDIADO" | null);
    };
    expect(typesOnly).toBeTypeOf("function");
  });

  it("says so when the answer is not GraphQL", async () => {
    const { fetch } = fakeFetch("<html>Bad gateway</html>", 502);
    const failure = (await createClient({ url: "http://gateway.test/graphql", fetch })
      .request(MemberHomeDocument)
      .catch((error: unknown) => error)) as GraphqlRequestError;
    expect(failure.status).toBe(502);
    expect(failure.message).toContain("Not a GraphQL response (HTTP 502)");
  });
});

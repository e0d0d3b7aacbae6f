// The hostile requests, by kind: broken HTTP and JSON, wrong content types and methods, huge bodies and
// headers, deep, wide and aliased documents, forged and expired tokens, slow clients, and (arguments.ts)
// operator objects, unicode edge cases and wrong types in every argument of the API.
import { PURPOSE_HEADER } from "@sos/kit/http";
import { TOKEN_AUDIENCE, TOKEN_ISSUER, type TokenSigner } from "@sos/kit";
import { SignJWT, importPKCS8 } from "jose";
import { argumentCases, type ArgumentCase } from "./arguments.js";
import type { HostileCase, Wire } from "./send.js";

export interface CaseContext {
  /** The gateway's GraphQL path, e.g. /graphql. */
  path: string;
  /** A valid token per role. */
  tokens: Record<string, string>;
  signer: TokenSigner;
  forger: TokenSigner;
  keys: { publicKeyPem: string; privateKeyPem: string };
  /** The id of a trusted document (MemberHome), for the persisted-query envelopes. */
  trustedId: string;
  /** The member whose token MEMBER is. */
  memberId: string;
}

const ME = "query Me { me { id fullName } }";
const json = (value: unknown): string => JSON.stringify(value);

function post(ctx: CaseContext, body: string | Buffer, headers: Record<string, string> = {}, token: string | null = ctx.tokens["MEMBER"] ?? null): Wire {
  return { kind: "http", method: "POST", path: ctx.path, headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }), ...headers }, body };
}

const graphql = (ctx: CaseContext, query: string, variables: Record<string, unknown> = {}, token?: string | null): Wire => post(ctx, json({ query, variables }), {}, token);

/** `me { pacInvoices { nodes { holder { pacInvoices ... } } } }`: a member's record nested `depth` times. */
function deepQuery(depth: number): string {
  let inner = "id";
  for (let level = 0; level < depth; level++) inner = `pacInvoices(first: 1) { nodes { holder { ${inner} } } }`;
  return `{ me { ${inner} } }`;
}

function protocolCases(ctx: CaseContext): HostileCase[] {
  const raw = (text: string | Buffer): HostileCase => ({ category: "broken HTTP", wire: { kind: "raw", bytes: Buffer.isBuffer(text) ? text : Buffer.from(text, "latin1") }, expect: "error" });
  const body = json({ query: ME });
  return [
    raw("GARBAGE\r\n\r\n"),
    raw("GET /graphql\r\n\r\n"),
    raw(`POST ${ctx.path} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`),
    raw(`POST ${ctx.path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nZZZ\r\nnot hex\r\n0\r\n\r\n`),
    raw(`POST ${ctx.path} HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n`),
    raw(`POST ${ctx.path} HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n`),
    raw(`POST ${ctx.path} HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0000b\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`),
    raw(`POST ${ctx.path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \u0001\u0002\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`),
    raw(`POST ${ctx.path} HTTP/1.1\r\nHost: x\r\n${PURPOSE_HEADER}: \u00ff\u00fe\u0007\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`),
    raw(`POST ${ctx.path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n${body}`),
    raw(Buffer.concat([Buffer.from(`POST ${ctx.path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n`), Buffer.from([0x7b, 0x22, 0xc0, 0x80, 0xed, 0xa0, 0x80, 0xff, 0x22, 0x3a, 0x31, 0x7d])])),
    raw(`PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`),
  ];
}

function envelopeCases(ctx: CaseContext): HostileCase[] {
  const error = (category: string, wire: Wire): HostileCase => ({ category, wire, expect: "error" });
  const nested = "[".repeat(100_000) + "]".repeat(100_000);
  return [
    ...["", "{", "{\"query\":", "null", "[]", "\"query\"", "42", "{\"query\": \"{ me { id } }\",}", "\ufeff{\"query\":\"{me{id}}\"}", "NaN", nested, `{"a":${nested}}`].map((body) => error("invalid JSON", post(ctx, body))),
    error("invalid JSON", post(ctx, Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]))),
    ...["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "", "application/graphql-response+json;;;"].map((type) =>
      error("content type", post(ctx, json({ query: ME }), { "content-type": type })),
    ),
    // JSON is UTF-8 whatever the charset says (RFC 8259): answered as JSON.
    ...["application/json; charset=utf-16", "application/json; charset=latin1"].map((type): HostileCase => ({ category: "content type", wire: post(ctx, json({ query: ME }), { "content-type": type }), expect: "any" })),
    ...["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"].map((method) => error("method and URL", { kind: "http", method, path: ctx.path, headers: { authorization: `Bearer ${ctx.tokens["MEMBER"]}` }, body: json({ query: ME }) })),
    error("method and URL", { kind: "http", method: "GET", path: `${ctx.path}?query=${encodeURIComponent('mutation { logout { ok } }')}`, headers: {} }),
    error("method and URL", { kind: "http", method: "GET", path: `${ctx.path}?query=${"%7B".repeat(6_000)}`, headers: {} }),
    error("method and URL", { kind: "http", method: "GET", path: `/${"..%2F".repeat(50)}etc/passwd`, headers: {} }),
    error("method and URL", { kind: "http", method: "GET", path: `${ctx.path}?extensions=${encodeURIComponent('{"persistedQuery":{"version":1,"sha256Hash":{"$gt":""}}}')}`, headers: {} }),
    ...[
      { query: 123 },
      { query: { $gt: "" } },
      { query: ME, variables: "a string" },
      { query: ME, variables: [1, 2] },
      { query: ME, operationName: { $ne: null } },
      { query: ME, operationName: "NotInTheDocument" },
      { query: ME, extensions: { persistedQuery: { version: 1, sha256Hash: { $gt: "" } } } },
      { extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } },
      { documentId: { $gt: "" } },
      { documentId: "sha256:" + "f".repeat(64) },
      Array.from({ length: 1_000 }, () => ({ query: ME })),
      [],
    ].map((body) => error("odd envelope", post(ctx, json(body)))),
    // Variables the document does not declare are ignored, and prototype keys change no one's role: the
    // member gets her own record, and only hers.
    ...['{"query":"{ me { id } }","variables":{"__proto__":{"role":"ADMIN"}}}', '{"query":"{ me { id } }","variables":{"constructor":{"prototype":{"role":"ADMIN"}}},"__proto__":{"role":"ADMIN"}}'].map(
      (body): HostileCase => ({ category: "odd envelope", wire: post(ctx, body), expect: "any", expectData: (data) => (data as { me?: { id?: string } } | undefined)?.me?.id === ctx.memberId }),
    ),
    error("odd envelope", post(ctx, '{"query":"{ accessLedger(first: 1) { totalCount } }","variables":{"__proto__":{"role":"AUDITOR"}},"__proto__":{"role":"AUDITOR"}}')),
  ];
}

function sizeCases(ctx: CaseContext): HostileCase[] {
  const error = (category: string, wire: Wire): HostileCase => ({ category, wire, expect: "error" });
  const padding = (bytes: number): string => json({ query: ME, variables: { pad: "x".repeat(bytes) } });
  return [
    ...[200_000, 1_000_000, 4_000_000].map((bytes) => error("huge body", post(ctx, padding(bytes)))),
    error("huge body", post(ctx, json({ query: `{ me { id } } ${"#".repeat(150_000)}` }))),
    error("huge headers", post(ctx, json({ query: ME }), { "x-padding": "a".repeat(20_000) })),
    error("huge headers", post(ctx, json({ query: ME }), Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`x-h${i}`, "v".repeat(60)])))),
    error("huge headers", post(ctx, json({ query: ME }), { authorization: `Bearer ${"e".repeat(15_000)}` }, null)),
    // Under the 16 KB header limit: a member needs no purpose, and an agent's is cut to 200 characters.
    { category: "huge headers", wire: post(ctx, json({ query: ME }), { [PURPOSE_HEADER]: "p".repeat(12_000) }), expect: "any" },
  ];
}

function documentCases(ctx: CaseContext): HostileCase[] {
  const error = (category: string, query: string, token?: string | null): HostileCase => ({ category, wire: graphql(ctx, query, {}, token), expect: "error" });
  const aliases = (count: number, field = "me { id }"): string => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(" ")} }`;
  return [
    ...[12, 20, 40, 100, 300].map((depth) => error("deep query", deepQuery(depth))),
    error("deep query", `{ me { ${"familyGroup { beneficiaries { ".repeat(60)}id${" } }".repeat(60)} } }`),
    { category: "deep query", wire: graphql(ctx, `{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }`, {}, ctx.tokens["ANALYST"]), expect: "any" },
    error("wide query", `{ me { ${"id ".repeat(20_000)} } }`),
    error("wide query", `{ ${Array.from({ length: 200 }, () => "me { id }").join(" ")} }`),
    error("wide query", `{ me { ${Array.from({ length: 50 }, (_, i) => `p${i}: pacInvoices(first: 100) { nodes { number } }`).join(" ")} } }`),
    ...[60, 250, 1_000, 5_000].map((count) => error("alias bomb", aliases(count))),
    error("alias bomb", aliases(400, "__schema { types { name fields { name } } }"), ctx.tokens["ANALYST"]),
    error("alias bomb", aliases(100, "me { familyGroup { beneficiaries { authorizations(first: 100) { nodes { number } } } } }")),
    error("directive bomb", `{ me ${"@include(if: true) ".repeat(500)} { id } }`),
    error("directive bomb", `{ me { id ${"@skip(if: false) ".repeat(2_000)} } }`),
    error("bad document", `{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }`),
    error("bad document", `{ me { id } `),
    error("bad document", `query { me { id } } query { me { id } }`),
    error("bad document", `{ me { notAField } }`),
    error("bad document", `{ me(id: { gt: "" }) { id } }`),
    error("bad document", `{ verifyCertificate(code: { gt: "" }) { genuine } }`),
    error("bad document", `subscription { me { id } }`),
    error("bad document", `{ me { id } } fragment F on Query { __typename }`),
    // A reviewed document is found by its id whatever version the envelope claims; a long description is
    // one token. Both are answered.
    { category: "odd envelope", wire: post(ctx, json({ extensions: { persistedQuery: { version: 99, sha256Hash: ctx.trustedId } } })), expect: "any" },
    { category: "bad document", wire: graphql(ctx, `"""${"d".repeat(50_000)}""" query Q { me { id } }`), expect: "any" },
    error("bad document", `{ a: me { id } a: verifyCertificate(code: "x") { genuine } }`),
    error("bad document", `{ __typename ${"\u0000"} }`),
  ];
}

async function tokenCases(ctx: CaseContext): Promise<HostileCase[]> {
  const member = { subject: "user-member-0001", role: "MEMBER" as const, memberId: "5e05a0000000000000000001" };
  const now = Math.floor(Date.now() / 1_000);
  const privateKey = await importPKCS8(ctx.keys.privateKeyPem, "ES256");
  const b64 = (value: unknown): string => Buffer.from(json(value)).toString("base64url");
  const claims = { role: "MEMBER", memberId: member.memberId, sub: member.subject, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat: now, exp: now + 3_600 };
  const signed = (payload: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> =>
    new SignJWT(payload).setProtectedHeader({ alg: "ES256", ...header }).sign(privateKey);
  const tokens = [
    await ctx.signer.sign(member, now - 3_600),
    await ctx.forger.sign(member),
    await ctx.forger.sign({ subject: "user-admin-0001", role: "ADMIN" }),
    `${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`,
    await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(ctx.keys.publicKeyPem)),
    await signed({ ...claims, aud: "otra-aplicacion" }),
    await signed({ ...claims, iss: "https://atacante.example" }),
    await signed({ ...claims, role: "SUPERUSER" }),
    await signed({ ...claims, role: undefined }),
    await signed({ ...claims, memberId: { $gt: "" } }),
    await signed({ ...claims, nbf: now + 86_400 }),
    await signed({ ...claims, exp: "never" }),
    await signed(claims, { kid: "../../../../etc/passwd", jku: "http://127.0.0.1:1/keys" }),
    (await ctx.signer.sign(member)).slice(0, -3) + "AAA",
    "a.b.c",
    "",
    "Bearer",
    "x".repeat(4_000),
  ];
  const schemes = ["Basic dXN1YXJpbzpjbGF2ZQ==", "bearer", "Bearer  ", `Token ${ctx.tokens["MEMBER"]}`];
  return [
    ...tokens.map((token): HostileCase => ({ category: "forged or expired token", wire: post(ctx, json({ query: ME }), { authorization: `Bearer ${token}` }, null), expect: "error" })),
    ...schemes.map((value): HostileCase => ({ category: "forged or expired token", wire: post(ctx, json({ query: ME }), { authorization: value }, null), expect: "error" })),
  ];
}

/** Slow clients: headers or a body dripped a few bytes at a time; the server must not wait on them forever. */
function slowCases(ctx: CaseContext): HostileCase[] {
  const body = json({ query: ME });
  const head = `POST ${ctx.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ctx.tokens["MEMBER"]}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
  const drip = (text: string, size: number): Buffer[] => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => Buffer.from(text.slice(i * size, (i + 1) * size)));
  return [
    // Headers that never end: a slowloris. The server's header timeout (10 s) must close it.
    { category: "slow client", wire: { kind: "slow", chunks: drip(`POST ${ctx.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${"X-Slow: 1\r\n".repeat(200)}`, 4), intervalMs: 200 }, expect: "error" },
    // A body that stops half way: the request timeout must close it.
    { category: "slow client", wire: { kind: "slow", chunks: [Buffer.from(head + body.slice(0, 5))], intervalMs: 0 }, expect: "error" },
    // A slow but complete request: answered, as a member on a bad mobile link would expect.
    { category: "slow client", wire: { kind: "slow", chunks: drip(head + body, 16), intervalMs: 100 }, expect: "any" },
  ];
}

function fromArgument(ctx: CaseContext, c: ArgumentCase): HostileCase {
  const token = c.role ? (ctx.tokens[c.role] ?? null) : null;
  const headers: Record<string, string> = c.role === "AGENT" ? { [PURPOSE_HEADER]: "Prueba de confiabilidad" } : {};
  return { category: c.category, wire: post(ctx, json({ query: c.document, variables: c.variables }), headers, token), expect: c.refusalExpected ? "error" : "any" };
}

/**
 * `count` hostile requests: every kind but the argument cases is sent at least once (and repeated to make up
 * a quarter of the run); the argument cases fill the rest, evenly spread over the API when there are more
 * than room for. Slow clients come first, so they are slow while everything else is sent.
 */
export async function hostileCases(ctx: CaseContext, count: number, roles: readonly string[]): Promise<HostileCase[]> {
  const slow = slowCases(ctx);
  const others = [...protocolCases(ctx), ...envelopeCases(ctx), ...sizeCases(ctx), ...documentCases(ctx), ...(await tokenCases(ctx))];
  const args = argumentCases(roles).map((c) => fromArgument(ctx, c));
  const otherCount = Math.max(others.length, Math.round((count - slow.length) / 4), count - slow.length - args.length);
  const argCount = Math.max(0, count - slow.length - otherCount);
  const picked = argCount >= args.length ? args : Array.from({ length: argCount }, (_, i) => args[Math.floor((i * args.length) / argCount)] as HostileCase);
  const repeated = Array.from({ length: otherCount }, (_, i) => others[i % others.length] as HostileCase);
  // Interleaved, so that no kind arrives all at once.
  const rest: HostileCase[] = [];
  for (let i = 0, j = 0; i < picked.length || j < repeated.length; ) {
    if (i < picked.length) rest.push(picked[i++] as HostileCase);
    if (j < repeated.length && (i * repeated.length >= j * picked.length || i >= picked.length)) rest.push(repeated[j++] as HostileCase);
  }
  return [...slow, ...rest];
}

import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";
import { REDACTED, redactAttributes, redactText, redactValue } from "../src/observability/redact.js";

/** What a careless caller might hand the logger: a member as stored, and an error quoting her data. */
const PERSON = {
  firstName: "María Fernanda",
  firstSurname: "Ocampo",
  documentNumber: "1144123456",
  email: "maria.ocampo@example.co",
  phone: "+57 300 123 4567",
  address: "Calle 5 # 38-25, Cali",
  diagnosis: { code: "J459", description: "Asma no especificada" },
};
const SECRETS = ["María", "Ocampo", "1144123456", "maria.ocampo@example.co", "300 123 4567", "Calle 5", "J459", "Asma", "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"];

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger("test", "debug", stream) };
}

describe("redaction of personal data", () => {
  it("takes every kind of personal data out of free text", () => {
    const text = redactText(
      "Afiliada con documento 1144123456, correo maria.ocampo@example.co, celular +57 300 123 4567, vive en Calle 5 # 38-25; diagnóstico J459 y E11.9; token eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl; Bearer abc.def",
    );
    for (const secret of ["1144123456", "maria.ocampo", "300 123 4567", "Calle 5 # 38-25", "J459", "E11.9", "eyJhbGci", "abc.def"]) expect(text).not.toContain(secret);
    expect(text).toContain("[número]");
    expect(text).toContain("[diagnóstico]");
  });

  it.each([
    ["a cédula with thousands dots", "CC 1.144.123.456 radicada", "1.144.123.456"],
    ["a NIT with its check digit", "empleador 900123456-7 y 900.123.456-7", "900123456"],
    ["a mobile written without +57", "llamar al 300 123 4567 o 3001234567", "123 4567"],
    ["a landline with its area code", "fijo (601) 555 1234", "555 1234"],
    ["an abbreviated address", "vive en Cll 13 # 100-20 y trabaja en AK 68 # 24-10", "100-20"],
    ["a rural address", "Vereda La Buitrera, finca El Retiro", "Buitrera"],
    ["a card number", "tarjeta 4111 1111 1111 1111", "1111 1111"],
    ["a token in a URL", "GET /documents/affiliation?token=abc123def&x=1", "abc123def"],
  ])("takes out %s", (_kind, text, secret) => {
    expect(redactText(text)).not.toContain(secret);
  });

  it("scrubs a long text without an @ in linear time (an operation name can be 100 KB)", () => {
    const started = performance.now();
    const result = redactText("a".repeat(100_000));
    expect(performance.now() - started).toBeLessThan(500);
    expect(result.length).toBeLessThan(5_000);
  });

  it("keeps only what a database error is, never the values it quotes", () => {
    const duplicate = Object.assign(new Error('E11000 duplicate key error collection: members index: doc dup key: { documentNumber: "María 1144123456" }'), {
      name: "MongoServerError",
      code: 11000,
      keyValue: { documentNumber: "1144123456" },
    });
    const validation = Object.assign(new Error("Member validation failed: firstName: Cast to string failed for value \"Pedro Gómez\""), {
      name: "ValidationError",
      errors: { firstName: {} },
    });
    const text = JSON.stringify([redactValue(duplicate), redactValue(validation)]);
    for (const secret of ["María", "1144123456", "Pedro", "Gómez"]) expect(text).not.toContain(secret);
    expect(redactValue(duplicate)).toMatchObject({ type: "MongoServerError", code: 11000 });
    expect(redactValue(validation)).toMatchObject({ type: "ValidationError", paths: ["firstName"] });
  });

  it("knows a person's name by where it is, and the Spanish field names", () => {
    const redacted = redactValue({ professional: { name: "Rigoberto Uribe", specialty: "Neumología" }, clinic: { name: "IPS Central" }, numeroDocumento: "16789012", telefono: "x", correo: "y" });
    expect(redacted).toEqual({ professional: { name: REDACTED, specialty: "Neumología" }, clinic: { name: "IPS Central" }, numeroDocumento: REDACTED, telefono: REDACTED, correo: REDACTED });
  });

  it("leaves our own identifiers and ordinary words alone", () => {
    const ids = { requestId: "req.1234567", memberId: "65a1b2c3d4e5f60718293a4b", operation: "MemberHome", count: 1234567, traceId: "0af7651916cd43dd8448eb211c80319c" };
    expect(redactValue(ids)).toEqual(ids);
    expect(redactText("GRAPHQL_VALIDATION_FAILED en 2026-11-30")).toBe("GRAPHQL_VALIDATION_FAILED en 2026-11-30");
  });

  it("replaces whole the fields that hold personal data, however deep", () => {
    const redacted = redactValue({ member: PERSON, list: [{ fullName: "Juan Pérez" }] }) as { member: Record<string, unknown>; list: Record<string, unknown>[] };
    expect(redacted.member["firstName"]).toBe(REDACTED);
    expect(redacted.member["diagnosis"]).toBe(REDACTED);
    expect(redacted.list[0]?.["fullName"]).toBe(REDACTED);
  });

  it("scrubs span attributes by their last name segment and their text", () => {
    const attributes = redactAttributes({ "sos.member.documentNumber": "1144123456", "exception.message": "falló para maria.ocampo@example.co", "db.operation.name": "find" });
    expect(attributes).toEqual({ "sos.member.documentNumber": REDACTED, "exception.message": "falló para [correo]", "db.operation.name": "find" });
  });

  it("writes no personal data from fields, messages or errors to the log", () => {
    const { lines, logger } = capture();
    const error = Object.assign(new Error(`E11000 duplicate key: { documentNumber: "1144123456" }, J459`), { keyValue: { email: PERSON.email } });
    logger.error({ err: error, member: PERSON, authorization: "Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl" }, `no se pudo afiliar a ${PERSON.documentNumber} (${PERSON.email})`);
    logger.child({ requestId: "r-1", role: "MEMBER" }).info({ variables: { documentNumber: "1144123456" } }, "graphql request");
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    // Names are caught by the field that holds them; free text cannot tell a name from a word, which is
    // why nothing logs a request's variables or a record whole.
    for (const line of lines) for (const secret of SECRETS) expect(line).not.toContain(secret);
    // The error is still useful: its type and the shape of its message remain.
    expect((first!["err"] as { type: string; message: string }).type).toBe("Error");
    expect((first!["err"] as { message: string }).message).toContain("E11000 duplicate key");
    expect(second).toMatchObject({ requestId: "r-1", role: "MEMBER", variables: REDACTED, msg: "graphql request" });
  });
});

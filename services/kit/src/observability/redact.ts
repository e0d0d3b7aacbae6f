/**
 * Personal data never leaves a process in its logs or traces (Ley 1581 de 2012: health data is sensitive).
 * Two nets: a field whose name says it holds personal data is replaced whole, whatever its value; and
 * any text anywhere (a message, a stack, an attribute) has what looks like an e-mail, a document or phone
 * number, a diagnosis code, a street address or a token replaced. Both are applied to every log line
 * (logger.ts) and every exported span (tracing.ts), so a careless log call or a library's error message
 * that quotes a variable cannot leak one.
 */

export const REDACTED = "[redactado]";

/** Field names whose values are personal data or credentials, in any letter case, anywhere in an object. */
const SENSITIVE_KEY = new RegExp(
  [
    // names
    "firstname", "middlename", "surname", "fullname", "sortname", "holdername", "aportantename", "displayname", "filename", "^names$", "^nombres?$", "apellido",
    // documents, diagnoses, contact data, birth dates
    "document$", "documento$", "documentnumber", "numerodocumento", "^number$", "diagnos", "cie10", "e-?mail", "correo", "phone", "telefono", "celular", "mobile",
    "address", "direccion", "birth", "nacimiento",
    // free text a member or a clinician wrote
    "^description$", "^subject$", "summaryforips", "denialreason", "^reason$", "^notes?$", "observaciones",
    // credentials
    "token", "authorization", "password", "secret", "privatekey", "pem$", "cookie",
    // what a request or a driver error carries whole
    "^variables$", "^query$", "^body$", "^value$", "^stringvalue$", "^keyvalue$", "^keypattern$", "^op$", "^errinfo$",
  ].join("|"),
  "i",
);

/** A `name` is a person's under these (a clinician on an authorization, a member, a contact). */
const PERSON_PARENT = /professional|person|member|patient|holder|contact|beneficiar|cotizante|doctor|medic|receiv/i;

/** Field names that look sensitive but hold our own identifiers: kept as they are, value included. */
const SAFE_KEY = /^(requestId|trace_id|span_id|traceId|spanId|operationName|dbName|serviceName|sos\.request_id)$/;

/** Longer texts are cut before scrubbing: the patterns' cost grows with length, and no log needs more. */
const MAX_TEXT = 4096;

/** Patterns of personal data inside free text, each with what it becomes. Order matters: tokens first. */
const TEXT_PATTERNS: [RegExp, string][] = [
  [/\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, "[token]"],
  [/\b(Bearer|Basic)\s+[\w.~+/=-]+/gi, "$1 [token]"],
  [/([?&](?:token|access_token|refresh_token|code|codigo|password|key|signature|sig)=)[^&\s"']+/gi, "$1[redactado]"],
  // Bounded on every side: an unbounded `[\w.+-]+@` is quadratic on a long text without an @.
  [/(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}/g, "[correo]"],
  // Colombian addresses: "Calle 5 # 38-25", "Cra. 100 No. 11-60", "AK 68 # 24-10", "Av 6N 23-45 apto 301".
  [/\b(calle|cll|cl|carrera|cra|cr|kr|kra|ak|ac|avenida|av|diagonal|dg|transversal|tv|tr|autopista|circular|manzana|mz)\.?\s+\d+[a-z]?\b[^,;"\n]{0,40}/gi, "[dirección]"],
  [/\b(vereda|finca|barrio|corregimiento)\s+[^,;"\n]{1,40}/gi, "[dirección]"],
  // Phones: a mobile (3xx xxx xxxx) or a landline (60x xxx xxxx), with or without +57, spaces, dashes, brackets.
  [/(?<![\w-])(?:\+?57[\s-]?)?(?:\(?60\d\)?[\s-]?\d{3}[\s-]?\d{4}|3\d{2}[\s-]?\d{3}[\s-]?\d{4})(?![\w-])/g, "[teléfono]"],
  [/(?<![\w-])\+?\d{1,3}[\s-]\d{3}[\s-]\d{3}[\s-]?\d{2,4}(?![\w-])/g, "[teléfono]"],
  // Card numbers in groups of four.
  [/(?<![\w-])(?:\d{4}[\s-]){3}\d{1,4}(?![\w-])/g, "[número]"],
  // Documents written with thousands dots, a NIT with its check digit: "1.144.123.456", "900.123.456-7".
  [/(?<![\w.-])\d{1,3}(?:\.\d{3}){1,3}(?:-\d)?(?![\w-])/g, "[número]"],
  // Document numbers, phone numbers, NITs, bank accounts: six digits or more standing alone (a NIT's check digit too).
  [/(?<![\w-])\d{6,}(?:-\d)?(?![\w-])/g, "[número]"],
  // CIE-10 diagnosis codes: a letter (not U, reserved), two digits, optionally a dot and more.
  [/\b[A-TV-Z]\d{2}(?:\.?\d{1,2}[A-Z]?)?\b/g, "[diagnóstico]"],
];

/** A text with every recognisable piece of personal data replaced. */
export function redactText(text: string): string {
  let result = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…[recortado]` : text;
  for (const [pattern, replacement] of TEXT_PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

const isSensitiveKey = (key: string, parent: string | null): boolean =>
  !SAFE_KEY.test(key) && (SENSITIVE_KEY.test(key) || (key === "name" && parent !== null && PERSON_PARENT.test(parent)));

/**
 * Errors of the database driver and of mongoose quote the values they choke on in their messages (a
 * duplicate document number, a cast of a name, a validator's input): only what they are is kept.
 */
const DATABASE_ERROR = /^(Mongo\w*Error|ValidationError|ValidatorError|CastError|DocumentNotFoundError|StrictModeError|VersionError|DivergentArrayError|MongooseError|OverwriteModelError)$/;

function databaseError(error: Error): Record<string, unknown> {
  const fields = error as Error & { code?: unknown; codeName?: unknown; kind?: unknown; path?: unknown; errors?: Record<string, unknown> };
  return {
    type: error.name,
    message: "[redactado: error de la base de datos]",
    ...(fields.code !== undefined && { code: fields.code }),
    ...(typeof fields.codeName === "string" && { codeName: fields.codeName }),
    ...(typeof fields.kind === "string" && { kind: fields.kind }),
    ...(typeof fields.path === "string" && { path: fields.path }),
    ...(fields.errors && typeof fields.errors === "object" && { paths: Object.keys(fields.errors) }),
  };
}

/** Deep enough for any log object we write; deeper parts (a subgraph's whole answer) are dropped. */
const MAX_DEPTH = 8;

/**
 * A copy of a value with sensitive fields replaced and every text scrubbed. Errors become plain objects
 * ({ type, message, stack, code and their own fields }) so that their messages are scrubbed too.
 */
export function redactValue(value: unknown, depth = 0, seen = new WeakSet<object>(), parent: string | null = null): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[…]";
  if (seen.has(value)) return "[circular]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen, parent));
  if (value instanceof Date) return value;
  if (value instanceof Error && DATABASE_ERROR.test(value.name)) return databaseError(value);
  const source: Record<string, unknown> =
    value instanceof Error ? { type: value.name, message: value.message, stack: value.stack, ...(value as unknown as Record<string, unknown>) } : (value as Record<string, unknown>);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(source)) {
    if (SAFE_KEY.test(key)) copy[key] = item;
    else copy[key] = isSensitiveKey(key, parent) && item !== null && item !== undefined ? REDACTED : redactValue(item, depth + 1, seen, key);
  }
  if (value instanceof Error && value.cause !== undefined) copy["cause"] = redactValue(value.cause, depth + 1, seen);
  return copy;
}

/** Span or log attributes (flat key → primitive or array) with the same rules. */
export function redactAttributes<T extends Record<string, unknown>>(attributes: T): T {
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(attributes)) {
    // Every dotted segment counts: "sos.member.documentNumber", "keyValue.document.number".
    const segments = key.split(".");
    const sensitive = !SAFE_KEY.test(key) && segments.some((segment, index) => isSensitiveKey(segment, segments[index - 1] ?? null));
    copy[key] = SAFE_KEY.test(key) ? item : sensitive && item !== null && item !== undefined ? REDACTED : redactValue(item);
  }
  return copy as T;
}

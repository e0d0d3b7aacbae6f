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
const SENSITIVE_KEY =
  /(firstname|middlename|surname|fullname|sortname|holdername|aportantename|filename|displayname|^names$|document$|documentnumber|^number$|diagnos|cie10|e-?mail|phone|mobile|celular|address|direccion|birth|token|authorization|password|secret|cookie|^variables$|^query$|^body$)/i;

/** Field names that look sensitive but hold our own identifiers (a request id is not a person's). */
const SAFE_KEY = /^(requestId|trace_id|span_id|traceId|spanId|operationName|dbName|serviceName|remoteAddressKind)$/;

/** Patterns of personal data inside free text, each with what it becomes. Order matters: tokens first. */
const TEXT_PATTERNS: [RegExp, string][] = [
  [/\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, "[token]"],
  [/\b(Bearer|Basic)\s+[\w.~+/=-]+/gi, "$1 [token]"],
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, "[correo]"],
  // Colombian addresses: "Calle 5 # 38-25", "Cra. 100 No. 11-60", "Av 6N 23-45 apto 301".
  [/\b(calle|cl|carrera|cra|kr|kra|avenida|av|diagonal|dg|transversal|tv|autopista|circular|manzana|mz)\.?\s+\d+[a-z]?\b[^,;"\n]{0,40}/gi, "[dirección]"],
  // Phone numbers written with separators: "+57 300 123 4567", "602-555-1234".
  [/(?<![\w-])\+?\d{1,3}[\s-]\d{3}[\s-]\d{3}[\s-]?\d{2,4}(?![\w-])/g, "[teléfono]"],
  // Document numbers, phone numbers, NITs, bank accounts: six digits or more standing alone.
  [/(?<![\w-])\d{6,}(?![\w-])/g, "[número]"],
  // CIE-10 diagnosis codes: a letter (not U, reserved), two digits, optionally a dot and more.
  [/\b[A-TV-Z]\d{2}(?:\.?\d{1,2}[A-Z]?)?\b/g, "[diagnóstico]"],
];

/** A text with every recognisable piece of personal data replaced. */
export function redactText(text: string): string {
  let result = text;
  for (const [pattern, replacement] of TEXT_PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

const isSensitiveKey = (key: string): boolean => !SAFE_KEY.test(key) && SENSITIVE_KEY.test(key);

/** Deep enough for any log object we write; deeper parts (a subgraph's whole answer) are dropped. */
const MAX_DEPTH = 8;

/**
 * A copy of a value with sensitive fields replaced and every text scrubbed. Errors become plain objects
 * ({ type, message, stack, code and their own fields }) so that their messages are scrubbed too.
 */
export function redactValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[…]";
  if (seen.has(value)) return "[circular]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  if (value instanceof Date) return value;
  const source: Record<string, unknown> =
    value instanceof Error ? { type: value.name, message: value.message, stack: value.stack, ...(value as unknown as Record<string, unknown>) } : (value as Record<string, unknown>);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(source)) {
    copy[key] = isSensitiveKey(key) && item !== null && item !== undefined ? REDACTED : redactValue(item, depth + 1, seen);
  }
  if (value instanceof Error && value.cause !== undefined) copy["cause"] = redactValue(value.cause, depth + 1, seen);
  return copy;
}

/** Span or log attributes (flat key → primitive or array) with the same rules. */
export function redactAttributes<T extends Record<string, unknown>>(attributes: T): T {
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(attributes)) {
    const last = key.split(".").pop() ?? key;
    copy[key] = isSensitiveKey(last) && item !== null && item !== undefined ? REDACTED : redactValue(item);
  }
  return copy as T;
}

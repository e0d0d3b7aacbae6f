import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";

/**
 * Calendar dates (birth, affiliation) travel as "YYYY-MM-DD" strings and are stored the same way, so no
 * time zone can move them a day. Instants travel as ISO date-times and are JS Dates in code.
 */
export const LocalDate = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  description: "Fecha de calendario sin hora ni zona horaria, AAAA-MM-DD (p. ej. 2026-04-01): se lee como fecha de Colombia",
});
export const DateTime = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  description:
    "Instante (fecha y hora) en formato RFC 3339; la respuesta siempre en UTC (p. ej. 2026-04-01T14:30:00.000Z). Se acepta con cualquier desfase (2026-04-01T09:30:00-05:00); para mostrarlo, conviértalo a la hora de Colombia (America/Bogota, UTC−5)",
});

/** For type-graphql's buildSchema: a Date-typed field becomes DateTime. */
export const scalarsMap = [{ type: Date, scalar: DateTime }];

/** Today in Colombia (UTC-5, no daylight saving) as "YYYY-MM-DD". */
export function todayInColombia(now: Date = new Date()): string {
  return new Date(now.getTime() - 5 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Money: whole Colombian pesos, an integer that JSON and JavaScript carry exactly (up to 2^53 − 1).
 * GraphQL's Int stops at 2^31 − 1 (about 2,100 million pesos), too little for an employer's totals; a
 * Float would admit cents and rounding. Values outside or with a fraction are refused, never rounded.
 */
export const Pesos = new GraphQLScalarType<number, number>({
  name: "Pesos",
  description: "Valor en pesos colombianos enteros (sin centavos), exacto hasta 9.007.199.254.740.991",
  serialize(value) {
    if (typeof value !== "number" || !Number.isSafeInteger(value)) throw new GraphQLError(`Un valor en pesos debe ser un entero exacto: ${String(value)}`);
    return value;
  },
  parseValue(value) {
    if (typeof value !== "number" || !Number.isSafeInteger(value)) throw new GraphQLError("Un valor en pesos debe ser un número entero, sin decimales ni separadores.");
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.INT) throw new GraphQLError("Un valor en pesos debe ser un número entero, sin decimales ni separadores.");
    const value = Number(ast.value);
    if (!Number.isSafeInteger(value)) throw new GraphQLError("El valor en pesos es demasiado grande.");
    return value;
  },
});

import { Field, ObjectType, type ClassType } from "type-graphql";

/** One step of a record's life: from which state to which, when, by which role, and why. */
export interface HistoryEntry<TState extends string> {
  from: TState | null;
  to: TState;
  at: Date;
  role: string;
  note?: string | null;
}

/**
 * The GraphQL type of a record's history over its own state enum (registered with registerEnumType):
 * every record with a life cycle shows its steps the same way. Who did it (the token subject) is kept in
 * the database and never shown: the role is enough for the member, the ledger has the rest.
 */
export function historyEntryType<TState extends string>(name: string, stateEnum: object, description = "Cambio de estado: quién y cuándo"): ClassType<HistoryEntry<TState>> {
  @ObjectType(name, { description })
  class HistoryEntryType {
    @Field(() => stateEnum, { nullable: true, description: "Estado anterior (vacío en el primer paso)" })
    from!: TState | null;

    @Field(() => stateEnum, { description: "Estado al que pasó" })
    to!: TState;

    @Field(() => Date, { description: "Cuándo ocurrió el cambio" })
    at!: Date;

    @Field(() => String, { description: "Rol de quien hizo el cambio (MEMBER, IPS, EMPLOYER, AGENT, ANONIMO)" })
    role!: string;

    @Field(() => String, { nullable: true, description: "Motivo o nota del cambio" })
    note?: string | null;
  }
  return HistoryEntryType;
}

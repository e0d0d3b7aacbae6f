import { Directive, Field, ID, ObjectType } from "type-graphql";

/** A clinic (IPS), owned by the directory subgraph: here only its key; the gateway asks the directory for the rest. */
@Directive(`@key(fields: "habilitationCode", resolvable: false)`)
@ObjectType({ description: "Institución prestadora de servicios de salud (IPS)" })
export class Ips {
  @Field(() => ID, { description: "Código de habilitación REPS (12 dígitos: DANE, consecutivo, sede)" })
  habilitationCode!: string;
}

export const ipsRef = (habilitationCode: string | null | undefined): Ips | null => (habilitationCode ? { habilitationCode } : null);

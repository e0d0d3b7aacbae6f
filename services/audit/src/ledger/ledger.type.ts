import { connectionType } from "@sos/kit";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";

/** The directory's clinic, by its habilitation code: the gateway fills in its name. */
@Directive(`@key(fields: "habilitationCode", resolvable: false)`)
@ObjectType({ description: "IPS (prestador de servicios de salud)" })
export class Ips {
  @Field(() => ID)
  habilitationCode!: string;
}

/** Affiliation's employer, by NIT. */
@Directive(`@key(fields: "nit", resolvable: false)`)
@ObjectType({ description: "Empleador (aportante)" })
export class Employer {
  @Field(() => ID)
  nit!: string;
}

@ObjectType({ description: "Una consulta de sus datos: quién (rol y entidad, no el nombre del funcionario), qué, cuándo y para qué" })
export class AccessLogEntry {
  @Field(() => Date, { description: "Cuándo" })
  at!: Date;

  @Field(() => String, { description: "Quién, en palabras: «Un agente de S.O.S.», «Su IPS», «Su empleador», «El cotizante de su grupo familiar»" })
  who!: string;

  @Field(() => String, { description: "Rol de quien consultó: AGENT, IPS, EMPLOYER, MEMBER, AUDITOR" })
  role!: string;

  @Field(() => Ips, { nullable: true, description: "La IPS que consultó (rol IPS)" })
  ips!: Ips | null;

  @Field(() => Employer, { nullable: true, description: "El empleador que consultó (rol EMPLOYER)" })
  employer!: Employer | null;

  @Field(() => String, { description: "Qué se consultó o cambió (p. ej. MEMBER_READ, INCAPACITY_DIAGNOSIS_READ)" })
  action!: string;

  @Field(() => String, { description: "El servicio que lo registró: affiliation, authorizations, incapacities, …" })
  service!: string;

  @Field(() => String, { nullable: true, description: "Para qué: el propósito que declaró el agente (los agentes siempre lo declaran)" })
  purpose!: string | null;
}
export const AccessLogConnection = connectionType("AccessLogEntry", AccessLogEntry, "consultas de sus datos");

@ObjectType({ description: "Quién consultó, como lo ve un auditor" })
export class LedgerActor {
  @Field(() => String, { description: "Usuario (sujeto del token)" })
  subject!: string;

  @Field(() => String, { description: "Rol con que actuó: MEMBER, EMPLOYER, IPS, AGENT, ANALYST, AUDITOR o ADMIN" })
  role!: string;

  @Field(() => ID, { nullable: true, description: "Afiliado que actuó (rol MEMBER)" })
  memberId?: string | null;

  @Field(() => String, { nullable: true, description: "NIT del empleador que actuó, 9 dígitos (rol EMPLOYER)" })
  employerNit?: string | null;

  @Field(() => String, { nullable: true, description: "Código de habilitación REPS de la IPS que actuó (rol IPS)" })
  ipsCode?: string | null;
}

@ObjectType({ description: "Una entrada del registro de accesos, con su lugar en la cadena" })
export class LedgerEntryView {
  @Field(() => ID, { name: "id", description: "Identificador de la entrada: cadena y posición (<cadena>:<12 dígitos>)" })
  _id!: string;

  @Field(() => String, { description: "Cadena (el servicio que la agregó)" })
  chain!: string;

  @Field(() => Int, { description: "Posición en la cadena" })
  seq!: number;

  @Field(() => Date, { description: "Cuándo ocurrió el acceso" })
  at!: Date;

  @Field(() => String, { description: "Identificador de la solicitud HTTP (el requestId de la respuesta y de los registros)" })
  requestId!: string;

  @Field(() => String, { nullable: true, description: "Operación GraphQL" })
  operation!: string | null;

  @Field(() => LedgerActor, { description: "Quién consultó" })
  actor!: LedgerActor;

  @Field(() => String, { description: "Qué se consultó o cambió (p. ej. MEMBER_READ, INCAPACITY_DIAGNOSIS_READ)" })
  action!: string;

  @Field(() => ID, { description: "El afiliado cuyos datos se consultaron" })
  subjectMemberId!: string;

  @Field(() => String, { nullable: true, description: "Propósito declarado (cabecera X-Access-Purpose; los agentes siempre lo declaran)" })
  purpose!: string | null;

  @Field(() => String, { description: "Hash de la entrada anterior" })
  prevHash!: string;

  @Field(() => String, { description: "SHA-256 de la entrada y la anterior" })
  hash!: string;
}
export const LedgerEntryConnection = connectionType("LedgerEntry", LedgerEntryView, "entradas del registro de accesos");

@ObjectType({ description: "Resultado de verificar una cadena del registro de accesos" })
export class ChainVerification {
  @Field(() => String, { description: "Cadena verificada (el servicio que la agrega)" })
  chain!: string;

  @Field(() => Int, { description: "Entradas verificadas" })
  entries!: number;

  @Field(() => Boolean, { description: "La cadena está íntegra" })
  valid!: boolean;

  @Field(() => Int, { nullable: true, description: "La primera entrada que no cuadra" })
  firstBadSeq!: number | null;

  @Field(() => String, { nullable: true, description: "Por qué no cuadra" })
  problem!: string | null;
}

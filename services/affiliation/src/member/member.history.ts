import { DocumentType, LocalDate } from "@sos/kit";
import { Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from "type-graphql";
import { AFFILIATION_DETAIL, ANY_RELATION, VisibleTo } from "./member.access.js";
import { AffiliationState, ENTITLED_STATES, MemberType, Regime } from "./member.enums.js";
import type { MemberDoc } from "./member.model.js";
import { Member } from "./member.type.js";

@ObjectType({ description: "Una novedad en la historia de la afiliación" })
export class AffiliationStateChange {
  @Field(() => AffiliationState, { description: "Estado en que quedó" })
  state!: AffiliationState;

  @Field(() => Date, { description: "Cuándo se registró la novedad" })
  at!: Date;

  @Field(() => String, { description: "Novedad: AFILIACION, REACTIVACION, RETIRO_LABORAL, TRASLADO_SALIDA, FALLECIMIENTO, FALLECIMIENTO_COTIZANTE, FIN_PROTECCION_LABORAL o el motivo del retiro de un beneficiario" })
  reason!: string;

  @Field(() => String, { nullable: true, description: "Detalle (EPS de destino, empleador, fecha de defunción)" })
  detail?: string | null;
}

@ObjectType({ description: "Un documento de identidad que el afiliado tuvo antes" })
export class FormerDocument {
  @Field(() => DocumentType, { description: "Tipo del documento anterior" })
  documentType!: DocumentType;

  @Field(() => String, { description: "Número del documento anterior" })
  documentNumber!: string;

  @Field(() => Date, { description: "Hasta cuándo lo tuvo" })
  until!: Date;
}

@ObjectType({ description: "Afiliación al PBS (plan obligatorio): estado y qué servicios cubre hoy" })
export class PbsAffiliation {
  @Field(() => AffiliationState, { description: "Estado de la afiliación al PBS" })
  state!: AffiliationState;

  @Field(() => Boolean, { description: "Tiene derecho a servicios de salud hoy" })
  entitled!: boolean;

  @Field(() => Regime, { description: "Régimen: contributivo o subsidiado" })
  regime!: Regime;

  @Field(() => MemberType, { description: "Tipo de afiliado: cotizante, beneficiario o adicional" })
  memberType!: MemberType;

  @Field(() => LocalDate, { description: "Fecha de afiliación" })
  affiliationDate!: string;

  @Field(() => LocalDate, { nullable: true, description: "Último día de la protección laboral, si está en ella" })
  protectionUntil!: string | null;

  @Field(() => String, { description: "El estado en palabras, para mostrar al afiliado" })
  explanation!: string;
}

/**
 * «Consulta estado de afiliación PBS y PAC» in one field. An entity keyed by the member: affiliation
 * answers `pbs`, the billing subgraph adds `pac` (the PAC is a separate contract it keeps), each under its
 * own access rules.
 */
@Directive(`@key(fields: "memberId")`)
@ObjectType({ description: "Estado de afiliación PBS y PAC de un afiliado" })
export class AffiliationSummary {
  @Field(() => ID, { description: "Afiliado al que se refiere" })
  memberId!: string;

  @Field(() => PbsAffiliation, { description: "Afiliación al PBS (plan obligatorio de salud)" })
  pbs!: PbsAffiliation;
}

function explain(member: MemberDoc): string {
  switch (member.state) {
    case AffiliationState.ACTIVO:
      return "Afiliación activa: tiene derecho a todos los servicios del plan de beneficios (PBS).";
    case AffiliationState.SUSPENDIDO:
      return "Afiliación suspendida por mora en los aportes: se reactiva al pagar los periodos pendientes.";
    case AffiliationState.PROTECCION_LABORAL:
      return `En protección laboral hasta el ${member.protectionUntil ?? "fin del periodo"}: solo servicios de salud.`;
    case AffiliationState.RETIRADO:
      return "Retirado de S.O.S.: no tiene derecho a servicios. Puede afiliarse de nuevo con «Quiero afiliarme».";
    case AffiliationState.AFILIADO_FALLECIDO:
      return "Afiliado fallecido.";
  }
}

export function affiliationSummaryOf(member: MemberDoc): AffiliationSummary {
  return {
    memberId: member._id,
    pbs: {
      state: member.state,
      entitled: ENTITLED_STATES.has(member.state),
      regime: member.regime,
      memberType: member.memberType,
      affiliationDate: member.affiliationDate,
      protectionUntil: member.protectionUntil ?? null,
      explanation: explain(member),
    },
  };
}

/** A member's history of novedades and documents, and the affiliation summary. */
@Resolver(() => Member)
export class MemberHistoryResolver {
  @FieldResolver(() => [AffiliationStateChange], { nullable: true, description: "Novedades de la afiliación, la más reciente primero" })
  @VisibleTo(AFFILIATION_DETAIL)
  stateHistory(@Root() member: MemberDoc): AffiliationStateChange[] {
    return [...(member.stateHistory ?? [])].reverse();
  }

  @FieldResolver(() => [FormerDocument], { nullable: true, description: "Documentos de identidad anteriores (p. ej. la TI antes de la CC), el más reciente primero" })
  @VisibleTo(AFFILIATION_DETAIL)
  documentHistory(@Root() member: MemberDoc): FormerDocument[] {
    return [...(member.documentHistory ?? [])].reverse();
  }

  @FieldResolver(() => LocalDate, { nullable: true, description: "Último día de la protección laboral (solo en PROTECCION_LABORAL)" })
  @VisibleTo(ANY_RELATION)
  protectionUntil(@Root() member: MemberDoc): string | null {
    return member.protectionUntil ?? null;
  }

  @FieldResolver(() => AffiliationSummary, { nullable: true, description: "Consulta del estado de afiliación PBS y PAC en un solo campo" })
  @VisibleTo(ANY_RELATION)
  affiliationSummary(@Root() member: MemberDoc): AffiliationSummary {
    return affiliationSummaryOf(member);
  }
}

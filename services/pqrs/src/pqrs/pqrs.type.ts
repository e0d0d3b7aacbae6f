import { LocalDate, connectionType, historyEntryType, type HistoryEntry } from "@sos/kit";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { HealthRisk, PetitionKind, PqrsState, PqrsType } from "./pqrs.rules.js";

registerEnumType(PqrsType, {
  name: "PqrsType",
  description: "Tipo de PQRS",
  valuesConfig: {
    PETICION: { description: "Petición (Ley 1755 de 2015)" },
    QUEJA: { description: "Queja por la atención" },
    RECLAMO: { description: "Reclamo en salud" },
    SUGERENCIA: { description: "Sugerencia" },
    FELICITACION: { description: "Felicitación" },
    DENUNCIA: { description: "Denuncia" },
    CONSULTA_DATOS: { description: "Consulta de datos personales (Ley 1581 de 2012, art. 14)" },
    RECLAMO_DATOS: { description: "Reclamo de datos personales: corrección, actualización o supresión (Ley 1581 de 2012, art. 15)" },
  },
});
registerEnumType(PetitionKind, {
  name: "PetitionKind",
  description: "Qué pide una petición: decide su plazo",
  valuesConfig: {
    GENERAL: { description: "Petición general: 15 días hábiles" },
    INFORMACION: { description: "Documentos o información: 10 días hábiles" },
    CONSULTA: { description: "Consulta: 30 días hábiles" },
  },
});
registerEnumType(HealthRisk, {
  name: "HealthRisk",
  description: "Riesgo para la salud en una queja o reclamo",
  valuesConfig: {
    VITAL: { description: "Riesgo vital: 24 horas" },
    PRIORIZADO: { description: "Priorizado: 48 horas" },
    SIMPLE: { description: "Simple: 72 horas" },
  },
});
registerEnumType(PqrsState, {
  name: "PqrsState",
  description: "Estado de la PQRS",
  valuesConfig: {
    RADICADA: { description: "Radicada" },
    ASIGNADA: { description: "Asignada a un responsable" },
    EN_TRAMITE: { description: "En trámite" },
    RESPONDIDA: { description: "Respondida: la respuesta se envió al canal registrado" },
    CERRADA: { description: "Cerrada" },
  },
});

@ObjectType({ description: "Plazo legal de respuesta" })
export class PqrsTerm {
  @Field(() => Int, { description: "Plazo en la unidad indicada (horas o días hábiles)" })
  amount!: number;

  @Field(() => String, { description: "HORAS o DIAS_HABILES" })
  unit!: string;

  @Field(() => String, { description: "Norma que fija el plazo" })
  norm!: string;

  @Field(() => Boolean, { description: "Se prorrogó (solo datos personales, con aviso)" })
  extended!: boolean;
}

@ObjectType({ description: "Respuesta de la EPS" })
export class PqrsAnswer {
  @Field(() => String, { description: "Texto de la respuesta" })
  text!: string;

  @Field(() => Date, { description: "Cuándo se respondió" })
  at!: Date;
}

export const PqrsTransitionView = historyEntryType<PqrsState>("PqrsTransitionView", PqrsState);

@ObjectType({ description: "Petición, queja, reclamo, sugerencia, felicitación, denuncia o solicitud de datos personales" })
export class Pqrs {
  @Field(() => ID, { name: "number", description: "Número de radicado" })
  _id!: string;

  @Field(() => PqrsType, { description: "Tipo: petición, queja, reclamo, sugerencia, felicitación, denuncia o solicitud de datos personales" })
  type!: PqrsType;

  @Field(() => PetitionKind, { nullable: true, description: "Qué pide (solo peticiones): general, información o consulta; decide el plazo" })
  petitionKind!: PetitionKind | null;

  @Field(() => HealthRisk, { nullable: true, description: "Riesgo para la salud (solo quejas y reclamos): vital, priorizado o simple; decide el plazo" })
  risk!: HealthRisk | null;

  @Field(() => String, { description: "Asunto" })
  subject!: string;

  @Field(() => String, { description: "Descripción de la solicitud" })
  description!: string;

  @Field(() => String, { nullable: true, description: "Servicio al que se refiere" })
  serviceConcerned!: string | null;

  @Field(() => [String], { description: "Referencias de documentos adjuntos" })
  attachments!: string[];

  @Field(() => PqrsState, { description: "Estado de la PQRS" })
  state!: PqrsState;

  @Field(() => Date, { description: "Fecha y hora de radicación" })
  filedAt!: Date;

  @Field(() => Date, { description: "Vence (fecha y hora)" })
  dueAt!: Date;

  @Field(() => PqrsTerm, { description: "Plazo legal de respuesta: cantidad, unidad, norma y si se prorrogó" })
  term!: PqrsTerm;

  @Field(() => PqrsAnswer, { nullable: true, description: "Respuesta de la EPS; vacía hasta que se responde" })
  answer!: PqrsAnswer | null;

  @Field(() => [PqrsTransitionView], { description: "Historia de estados: quién y cuándo" })
  history!: HistoryEntry<PqrsState>[];
}
export const PqrsConnection = connectionType("Pqrs", Pqrs, "PQRS");

@ObjectType({ description: "Una PQRS sobre la IPS que consulta, publicada por un agente: solo un resumen sin nombres ni datos de salud, y la fecha (no la hora)" })
export class PqrsForIps {
  @Field(() => ID, { name: "number", description: "Número de radicado (PQRS-AAAA-NNNNNNN)" })
  _id!: string;

  @Field(() => PqrsType, { description: "Tipo de PQRS" })
  type!: PqrsType;

  @Field(() => String, { description: "Resumen escrito por el agente, sin nombres ni datos de salud" })
  summaryForIps!: string;

  @Field(() => PqrsState, { description: "Estado de la PQRS" })
  state!: PqrsState;

  @Field(() => LocalDate, { description: "Fecha de radicación (sin hora: la hora podría señalar a quien la presentó)" })
  filedOn!: string;
}
export const PqrsForIpsConnection = connectionType("PqrsForIps", PqrsForIps, "PQRS publicadas a la IPS");

@ObjectType({ description: "Una celda de los conteos de PQRS (analistas: celdas de menos de 5 suprimidas, conteos redondeados a 5)" })
export class PqrsCount {
  @Field(() => String, { description: "Valor de la dimensión (tipo, estado, municipio o IPS)" })
  key!: string;

  @Field(() => Int, { description: "Personas con PQRS en esa celda, redondeado a múltiplo de 5 (las celdas de menos de 5 no se muestran)" })
  count!: number;
}

@ObjectType({ description: "Conteos de PQRS de un periodo por tipo, estado, municipio e IPS" })
export class PqrsStatistics {
  @Field(() => [PqrsCount], { description: "Por tipo de PQRS (petición, queja, reclamo, sugerencia, felicitación)" })
  byType!: PqrsCount[];

  @Field(() => [PqrsCount], { description: "Por estado actual" })
  byState!: PqrsCount[];

  @Field(() => [PqrsCount], { description: "Por municipio de radicación (código DANE)" })
  byMunicipality!: PqrsCount[];

  @Field(() => [PqrsCount], { description: "Por IPS involucrada (código REPS)" })
  byIps!: PqrsCount[];

  @Field(() => [PqrsCount], {
    description:
      "PQRS vencidas por tipo: de las radicadas en el periodo, las que siguen sin respuesta (radicadas, asignadas o en trámite) con el plazo legal ya cumplido en el momento de la consulta. Cuenta personas, no PQRS; celdas de menos de 5 suprimidas, conteos redondeados a 5",
  })
  overdue!: PqrsCount[];

  @Field(() => Int, { description: "Celdas suprimidas en total" })
  suppressedCells!: number;
}

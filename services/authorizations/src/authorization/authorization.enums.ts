import { registerEnumType } from "type-graphql";

export enum AuthorizationState {
  RADICADA = "RADICADA",
  EN_AUDITORIA = "EN_AUDITORIA",
  APROBADA = "APROBADA",
  APROBADA_PARCIAL = "APROBADA_PARCIAL",
  NEGADA = "NEGADA",
  PENDIENTE_DOCS = "PENDIENTE_DOCS",
  UTILIZADA = "UTILIZADA",
  VENCIDA = "VENCIDA",
  ANULADA = "ANULADA",
}
registerEnumType(AuthorizationState, {
  name: "AuthorizationState",
  description: "Estado de una solicitud de autorización de servicios",
  valuesConfig: {
    RADICADA: { description: "Radicada: recibida, aún no revisada" },
    EN_AUDITORIA: { description: "En auditoría médica de la EPS" },
    APROBADA: { description: "Aprobada por completo: indica la IPS destino y la vigencia" },
    APROBADA_PARCIAL: { description: "Aprobada en parte: algunos servicios o cantidades negados, con el motivo" },
    NEGADA: { description: "Negada, con el motivo" },
    PENDIENTE_DOCS: { description: "Devuelta: faltan documentos soporte" },
    UTILIZADA: { description: "El servicio autorizado ya se prestó" },
    VENCIDA: { description: "Venció sin usarse" },
    ANULADA: { description: "Anulada antes de usarse" },
  },
});

export enum CareSetting {
  AMBULATORIO = "AMBULATORIO",
  HOSPITALARIO = "HOSPITALARIO",
  URGENCIAS = "URGENCIAS",
}
registerEnumType(CareSetting, {
  name: "CareSetting",
  description: "Ámbito de la atención",
  valuesConfig: {
    AMBULATORIO: { description: "Ambulatorio: consulta, examen o procedimiento sin hospitalización" },
    HOSPITALARIO: { description: "Hospitalario: con internación" },
    URGENCIAS: { description: "Urgencias: solo se autoriza la atención posterior a la urgencia inicial, que no requiere autorización" },
  },
});

export enum CareOrigin {
  COMUN = "COMUN",
  LABORAL = "LABORAL",
  SOAT = "SOAT",
}
registerEnumType(CareOrigin, {
  name: "CareOrigin",
  description: "Origen de la atención, que decide quién paga",
  valuesConfig: {
    COMUN: { description: "Enfermedad general: la paga la EPS" },
    LABORAL: { description: "Accidente de trabajo o enfermedad laboral: la paga la ARL, no la EPS" },
    SOAT: { description: "Accidente de tránsito: la paga el SOAT del vehículo (y la ADRES después del tope)" },
  },
});

export enum Payer {
  EPS = "EPS",
  ARL = "ARL",
  SOAT = "SOAT",
}
registerEnumType(Payer, {
  name: "Payer",
  description: "Quién paga el servicio",
  valuesConfig: {
    EPS: { description: "La EPS (origen común)" },
    ARL: { description: "La ARL del trabajador (accidente de trabajo o enfermedad laboral)" },
    SOAT: { description: "El SOAT del vehículo (accidente de tránsito)" },
  },
});

export enum SpecialProtection {
  GESTANTE = "GESTANTE",
  NINO_MENOR_5 = "NINO_MENOR_5",
  ADULTO_MAYOR = "ADULTO_MAYOR",
  DISCAPACIDAD = "DISCAPACIDAD",
  VICTIMA_CONFLICTO = "VICTIMA_CONFLICTO",
  INDIGENA = "INDIGENA",
  ENFERMEDAD_HUERFANA = "ENFERMEDAD_HUERFANA",
  CANCER = "CANCER",
}
registerEnumType(SpecialProtection, {
  name: "SpecialProtection",
  description: "Población de especial protección constitucional: su solicitud es priorizada",
  valuesConfig: {
    GESTANTE: { description: "Mujer gestante" },
    NINO_MENOR_5: { description: "Niño o niña menor de 5 años" },
    ADULTO_MAYOR: { description: "Adulto mayor" },
    DISCAPACIDAD: { description: "Persona con discapacidad" },
    VICTIMA_CONFLICTO: { description: "Víctima del conflicto armado" },
    INDIGENA: { description: "Población indígena" },
    ENFERMEDAD_HUERFANA: { description: "Paciente con enfermedad huérfana" },
    CANCER: { description: "Paciente con cáncer" },
  },
});

export enum DeadlineRule {
  RES_2335_2023 = "RES_2335_2023",
  RES_3047_2008 = "RES_3047_2008",
}
registerEnumType(DeadlineRule, {
  name: "DeadlineRule",
  description: "Norma que fija el plazo de respuesta, según la fecha del servicio",
  valuesConfig: {
    RES_2335_2023: { description: "Resolución 2335 de 2023 (servicios desde el 2026-04-01): 2 horas, 2 o 5 días calendario" },
    RES_3047_2008: { description: "Resolución 3047 de 2008 (servicios anteriores al 2026-04-01): 2 horas o 5 días hábiles" },
  },
});

export enum DeadlineUnit {
  HORAS = "HORAS",
  DIAS_CALENDARIO = "DIAS_CALENDARIO",
  DIAS_HABILES = "DIAS_HABILES",
}
registerEnumType(DeadlineUnit, {
  name: "DeadlineUnit",
  description: "Unidad en que se cuenta el plazo (los días hábiles excluyen fines de semana y festivos de Colombia)",
  valuesConfig: {
    HORAS: { description: "Horas corridas" },
    DIAS_CALENDARIO: { description: "Días calendario: todos los días, fines de semana y festivos incluidos" },
    DIAS_HABILES: { description: "Días hábiles: de lunes a viernes, sin festivos de Colombia" },
  },
});

export enum RequestClass {
  POST_URGENCIA = "POST_URGENCIA",
  PRIORIZADA = "PRIORIZADA",
  ELECTIVA = "ELECTIVA",
}
registerEnumType(RequestClass, {
  name: "RequestClass",
  description: "Clase de solicitud para el plazo de respuesta",
  valuesConfig: {
    POST_URGENCIA: { description: "Atención posterior a la urgencia inicial" },
    PRIORIZADA: { description: "Servicio priorizado o población de especial protección" },
    ELECTIVA: { description: "Servicio electivo (programado)" },
  },
});

export enum Holder {
  EPS = "EPS",
  IPS_SOLICITANTE = "IPS_SOLICITANTE",
  IPS_DESTINO = "IPS_DESTINO",
  NADIE = "NADIE",
}
registerEnumType(Holder, {
  name: "Holder",
  description: "Quién tiene la solicitud en sus manos ahora",
  valuesConfig: {
    EPS: { description: "La EPS debe responder (auditoría)" },
    IPS_SOLICITANTE: { description: "La IPS que la pidió debe enviar documentos (el trámite es entre la EPS y la IPS, no del paciente)" },
    IPS_DESTINO: { description: "La IPS destino debe prestar el servicio" },
    NADIE: { description: "Trámite cerrado" },
  },
});

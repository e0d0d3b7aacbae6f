// Help for members, written for this project in plain Spanish: frequent questions, and the rights and
// duties of a member of the health system (Ley 1751 de 2015, art. 10). Structured so apps can show it
// their own way, and kept here so the text has one place.

export interface FaqEntry {
  id: string;
  topic: "AFILIACION" | "CITAS" | "MEDICAMENTOS" | "URGENCIAS" | "PAC" | "PQRS";
  question: string;
  answer: string;
}

export const FAQ: readonly FaqEntry[] = [
  {
    id: "urgencias-autorizacion",
    topic: "URGENCIAS",
    question: "¿Necesito una autorización para que me atiendan en urgencias?",
    answer: "No. La atención inicial de urgencias no requiere autorización previa: acuda a la sala de urgencias más cercana, esté o no en la red.",
  },
  {
    id: "cambiar-ips",
    topic: "AFILIACION",
    question: "¿Puedo cambiar mi IPS primaria?",
    answer: "Sí, a otra IPS activa de la red primaria de su municipio de residencia. Si se muda de municipio, actualice primero sus datos.",
  },
  {
    id: "medicamento-pendiente",
    topic: "MEDICAMENTOS",
    question: "No me entregaron completo un medicamento, ¿qué hago?",
    answer: "Pida que lo registren como pendiente: se lo deben entregar dentro de las 48 horas siguientes, en el lugar que usted elija.",
  },
  {
    id: "pedir-cita",
    topic: "CITAS",
    question: "¿Cómo pido una cita médica?",
    answer: "Con su IPS primaria, en su portal de citas o su línea de citas; ambos aparecen junto a su IPS primaria.",
  },
  {
    id: "pac-que-es",
    topic: "PAC",
    question: "¿Qué es el plan complementario (PAC)?",
    answer: "Un plan voluntario, con contrato propio, que complementa el plan de beneficios (PBS): directorio médico propio y otras condiciones de acceso.",
  },
  {
    id: "pqrs-plazos",
    topic: "PQRS",
    question: "¿En cuánto tiempo responden una queja o un reclamo?",
    answer: "Un reclamo en salud con riesgo vital, en 24 horas; priorizado, en 48; simple, en 72. Una petición ordinaria, en 15 días hábiles.",
  },
];

export const RIGHTS: readonly string[] = [
  "Recibir atención de urgencias sin que le exijan pagos ni autorizaciones previas.",
  "Acceder a los servicios y tecnologías de salud con oportunidad, calidad y continuidad.",
  "Elegir libremente su EPS y, dentro de la red, su IPS primaria.",
  "Recibir información clara sobre su estado de salud y sobre los servicios a los que tiene derecho.",
  "Que su historia clínica y sus datos de salud sean tratados con reserva y solo por quien debe conocerlos.",
  "Presentar peticiones, quejas y reclamos, y recibir respuesta dentro de los plazos de ley.",
  "Recibir un trato digno, sin discriminación, con protección especial a niños, gestantes, personas mayores y con discapacidad.",
];

export const DUTIES: readonly string[] = [
  "Cuidar su salud, la de su familia y la de su comunidad.",
  "Mantener actualizados sus datos de contacto y los de su grupo familiar.",
  "Usar los servicios de salud de forma adecuada y las urgencias solo cuando lo son.",
  "Cumplir las citas o cancelarlas a tiempo para que otra persona pueda usarlas.",
  "Tratar con respeto al personal de salud y a los demás usuarios.",
  "Pagar oportunamente los aportes y, cuando aplique, las cuotas moderadoras y copagos.",
];

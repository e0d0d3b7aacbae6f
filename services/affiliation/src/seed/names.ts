/**
 * Word lists for the synthetic seed (seed.ts). Every person, clinic and company built from them is
 * invented: common Colombian given names and surnames combined at random, and clinic and company names
 * made of plant, bird and place words that are not any real institution's name.
 */

/** Given names common among women born before about 1990. */
export const FEMALE_CLASSIC = [
  "María", "Luz", "Ana", "Gloria", "Martha", "Sandra", "Claudia", "Patricia", "Liliana", "Diana",
  "Adriana", "Ángela", "Mónica", "Carmen", "Rosa", "Amparo", "Esperanza", "Yolanda", "Beatriz", "Stella",
  "Mercedes", "Inés", "Nelly", "Rocío", "Mireya", "Consuelo", "Marleny", "Orfa", "Doris", "Aura",
  "Elena", "Cecilia", "Fernanda", "Isabel", "Lucía", "Teresa", "Eugenia", "Cristina", "Lorena", "Milena",
  "Carolina", "Paola", "Andrea", "Marcela", "Johana", "Viviana", "Alba", "Nidia", "Dary", "Omaira",
] as const;

/** Given names common among women born since about 1990. */
export const FEMALE_MODERN = [
  "Valentina", "Isabella", "Sofía", "Mariana", "Daniela", "Camila", "Gabriela", "Juliana", "Natalia", "Laura",
  "Alejandra", "Salomé", "Antonella", "Manuela", "Ximena", "Luciana", "Valeria", "Sara", "Emily", "Mía",
  "Tatiana", "Yuliana", "Dayana", "Leidy", "Karen", "Lina", "Paula", "Catalina", "Melissa", "Jimena",
  "Victoria", "Martina", "Samantha", "Allison", "Ashley", "Yeraldín", "Nicole", "Zharick", "Luna", "Celeste",
] as const;

/** Given names common among men born before about 1990. */
export const MALE_CLASSIC = [
  "José", "Luis", "Carlos", "Jorge", "Juan", "Jaime", "Hernán", "Óscar", "Édgar", "Fabio",
  "Álvaro", "Gustavo", "Jesús", "Manuel", "Antonio", "Francisco", "Ricardo", "Mauricio", "Gerardo", "Héctor",
  "Iván", "Fernando", "Alberto", "Eduardo", "Enrique", "Humberto", "Orlando", "Rodrigo", "Arturo", "Guillermo",
  "Elkin", "Arley", "Yesid", "Édison", "Wilson", "Fredy", "Harold", "Alirio", "Aldemar", "Rubén",
  "Andrés", "Felipe", "Diego", "Alejandro", "Javier", "Eliécer", "Alfonso", "Hugo", "Octavio", "Libardo",
] as const;

/** Given names common among men born since about 1990. */
export const MALE_MODERN = [
  "Santiago", "Sebastián", "Mateo", "Samuel", "Alejandro", "Daniel", "David", "Camilo", "Julián", "Esteban",
  "Nicolás", "Miguel", "Ángel", "Emmanuel", "Tomás", "Martín", "Jerónimo", "Matías", "Emiliano", "Simón",
  "Juan", "Andrés", "Felipe", "Cristian", "Brayan", "Kevin", "Jhon", "Stiven", "Duván", "Jhojan",
  "Maximiliano", "Thiago", "Joaquín", "Gabriel", "Isaac", "Agustín", "Luciano", "Dylan", "Jacobo", "Benjamín",
] as const;

/** First names that lead most compound given names ("María Fernanda", "Juan Sebastián", "Luz Dary"). */
export const COMPOUND_LEADS = {
  FEMENINO: ["María", "María", "María", "Ana", "Luz"],
  MASCULINO: ["Juan", "Juan", "José", "Luis", "Carlos"],
} as const;

/** Surnames frequent in the Valle del Cauca, Cauca and the coffee region. */
export const SURNAMES = [
  "Rodríguez", "Gómez", "González", "Martínez", "López", "García", "Hernández", "Díaz", "Pérez", "Sánchez",
  "Ramírez", "Torres", "Valencia", "Muñoz", "Castaño", "Ospina", "Cárdenas", "Giraldo", "Arboleda", "Mosquera",
  "Caicedo", "Riascos", "Angulo", "Zúñiga", "Rentería", "Córdoba", "Bermúdez", "Quintero", "Londoño", "Henao",
  "Restrepo", "Álvarez", "Jaramillo", "Montaño", "Obando", "Velasco", "Hurtado", "Sinisterra", "Carabalí", "Lucumí",
  "Escobar", "Betancourt", "Cifuentes", "Trujillo", "Millán", "Gutiérrez", "Cruz", "Ortiz", "Vargas", "Rojas",
  "Moreno", "Jiménez", "Ruiz", "Castro", "Ríos", "Mejía", "Salazar", "Cardona", "Marín", "Arango",
  "Patiño", "Orozco", "Bedoya", "Peña", "Rincón", "Vélez", "Zapata", "Correa", "Toro", "Mina",
  "Balanta", "Lasso", "Ibarra", "Guzmán", "Agudelo", "Aristizábal", "Benítez", "Calderón", "Chaparro", "Erazo",
  "Figueroa", "Gallego", "Grajales", "Hoyos", "Idrobo", "Loaiza", "Mancilla", "Narváez", "Ocampo", "Palacios",
  "Quiñones", "Rengifo", "Sarria", "Tascón", "Urrea", "Vallejo", "Viveros", "Yépez", "Zambrano", "Delgado",
] as const;

/** Primary-care clinic kinds. */
export const PRIMARY_IPS_PREFIXES = [
  "IPS", "Centro Médico", "Unidad Médica", "Centro de Salud", "Unidad Básica de Atención", "Consultorios Médicos", "IPS Familiar",
] as const;

/** Specialised (non primary-care) clinic kinds. */
export const SPECIALISED_IPS_PREFIXES = [
  "Clínica de Especialistas", "Centro de Imágenes Diagnósticas", "Instituto Oftalmológico", "Centro Cardiovascular",
  "Unidad Renal", "Centro de Rehabilitación", "Clínica Ortopédica", "Centro Dermatológico",
] as const;

/** Plant, bird and landscape words for clinic and company names. */
export const NAME_CORES = [
  "Samán", "Los Guaduales", "El Guayacán", "Las Palmas", "El Chiminango", "Los Almendros", "Las Acacias",
  "El Caney", "La Ceiba", "Los Cámbulos", "El Yarumo", "Las Garzas", "El Cañaveral", "Los Naranjos",
  "El Tulipán", "Las Orquídeas", "El Carbonero", "Los Mangos", "La Guadua", "El Arrayán", "Las Heliconias",
  "El Turpial", "Los Sauces", "La Palma de Cera", "El Balso", "Los Pomarrosos", "La Chambimbe", "El Nogal",
  "Las Veraneras", "El Cedro", "Los Gualandayes", "El Mirador", "La Loma Verde", "Río Claro", "Aguas Blancas",
  "El Bosque Seco", "Las Brisas", "El Pedregal", "La Colina", "Tres Quebradas", "El Chontaduro", "El Borojó",
  "La Guayaba", "El Cafetal", "Las Piñuelas", "El Lulo", "El Mango Biche", "La Pitaya", "El Currulao",
  "La Marimba", "Las Gaviotas", "El Azulejo", "Los Toches", "La Mirla", "El Barranquero", "El Guácimo",
  "Los Jazmines", "La Floresta", "El Manantial", "Las Cascadas",
] as const;

/** Company sectors for employer names ("Confecciones Samán del Valle S.A.S."). */
export const COMPANY_SECTORS = [
  "Confecciones", "Transportes", "Distribuidora", "Inversiones", "Comercializadora", "Construcciones", "Agroindustrial",
  "Logística", "Servicios Integrales", "Panificadora", "Ferretería", "Tecnologías", "Alimentos", "Metalmecánica",
  "Calzado", "Muebles", "Empaques", "Lácteos", "Frutas", "Plásticos", "Cafés Especiales", "Textiles",
  "Soluciones Contables", "Vigilancia", "Aseo Industrial", "Droguería", "Publicidad", "Repuestos", "Ingeniería", "Hotel",
] as const;

/** Regional qualifiers for company names, by department code. */
export const REGION_QUALIFIERS: Readonly<Record<string, readonly string[]>> = {
  "76": ["del Valle", "del Pacífico", "de Occidente", ""],
  "19": ["del Cauca", "del Macizo", "del Sur", ""],
  "66": ["del Eje", "de Risaralda", "del Otún", ""],
  "63": ["del Quindío", "del Eje", "de los Andes", ""],
};

export const STREET_TYPES = ["Calle", "Carrera", "Avenida", "Transversal", "Diagonal"] as const;

/** Mobile operator prefixes (3xx). */
export const MOBILE_PREFIXES = [
  "300", "301", "302", "304", "305", "310", "311", "312", "313", "314", "315", "316", "317", "318", "319", "320", "321", "322",
  "323", "324", "350", "351",
] as const;

/** Invented e-mail domains (reserved for examples: RFC 2606). */
export const EMAIL_DOMAINS = ["example.com", "correo.example", "example.net", "example.org"] as const;

/** Ten-digit national numbers (NUIP) begin like these; the rest is random. */
export const NUIP_PREFIXES = ["1005", "1006", "1107", "1112", "1113", "1114", "1116", "1130", "1143", "1144", "1151", "1088", "1094", "1061"] as const;

/** Eight-digit cédulas issued before NUIP: series by sex (synthetic, random tails). */
export const OLD_CC_PREFIXES = {
  FEMENINO: ["29", "31", "38", "66", "67"],
  MASCULINO: ["14", "16", "94", "10"],
} as const;

/** Relative share of members by DANE municipality (a municipality not listed weighs 1). Cali dominates. */
export const MUNICIPALITY_WEIGHTS: Readonly<Record<string, number>> = {
  "76001": 40,
  "76520": 7,
  "76834": 5,
  "76111": 4,
  "76147": 4,
  "76364": 5,
  "76892": 3,
  "76109": 3,
  "76130": 2,
  "76248": 1.5,
  "19001": 5,
  "19698": 2,
  "66001": 6,
  "66170": 3,
  "66682": 1.5,
  "63001": 5,
  "63130": 1.5,
};

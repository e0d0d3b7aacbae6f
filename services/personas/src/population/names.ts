/**
 * Word lists for the synthetic population (build.ts). Every person, clinic and company built from them is
 * invented: common Colombian given names and surnames combined at random, and clinic and company names
 * made of plant, bird and place words that are not any real institution's name (NAME_CORES, in
 * clinics.ts: clinics and companies share them).
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

import type { PlaygroundPersona } from "./routes.js";

/**
 * The accounts the identity subgraph seeds on development stacks (never in production), all with the
 * password published in docs/identity.md: one click signs the playground in as each persona. A test
 * signs in with every one, so this list cannot drift from the seed.
 */
const PASSWORD = "Oficina-virtual-2026";

export const DEVELOPMENT_PERSONAS: readonly PlaygroundPersona[] = [
  { label: "Analista", email: "analista@sos-eps.example", password: PASSWORD },
  { label: "Afiliada cotizante (María Fernanda)", email: "mariafernanda.valencia@correo.example", password: PASSWORD },
  { label: "Beneficiario (su cónyuge)", email: "andres.rodriguez86@example.com", password: PASSWORD },
  { label: "Empleador (nómina)", email: "nomina@confecciones-saman.example", password: PASSWORD },
  { label: "Agente", email: "agente@sos-eps.example", password: PASSWORD },
  { label: "Auditor", email: "auditor@sos-eps.example", password: PASSWORD },
  { label: "Administrador", email: "admin@sos-eps.example", password: PASSWORD },
];

// Inputs several suites send: one place for a valid example, each suite changing what it tests.
import { PERSONA_FAMILY_IDS, SEED_IPS } from "@sos/personas";

/** María Fernanda's primary clinic asks for an internal-medicine consultation for her hypertension. */
export const authorizationRequest = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  memberId: PERSONA_FAMILY_IDS.member,
  requestingIpsCode: SEED_IPS.personaPrimary,
  professional: { name: "Andrés Felipe Ramírez Soto", documentNumber: "16789012", specialty: "Medicina interna" },
  diagnoses: [{ code: "I10X" }],
  items: [{ cupsCode: "890228", quantity: 1 }],
  setting: "AMBULATORIO",
  origin: "COMUN",
  ...overrides,
});

import { AffiliationState, MemberType, Relationship } from "../member/member.enums.js";
import type { MemberDoc } from "../member/member.model.js";

/**
 * Who may be a cotizante's beneficiary (docs/domain.md, "Affiliation"): a spouse or permanent partner;
 * children under 25 who depend on the cotizante, or of any age with a permanent disability; parents only
 * when there is no spouse or child in the group and they depend on the cotizante.
 */
export const CHILD_AGE_LIMIT = 25;
export const MAX_PARENTS = 2;

export interface BeneficiaryCandidate {
  relationship: Relationship;
  age: number;
  permanentDisability: boolean;
  economicDependent: boolean;
}

export type RuleViolation =
  | { kind: "input"; field: string; message: string }
  | { kind: "conflict"; message: string };

const INACTIVE = new Set<AffiliationState>([AffiliationState.RETIRADO, AffiliationState.AFILIADO_FALLECIDO]);

/** The first rule the candidate breaks against the cotizante and the current group, or null. */
export function beneficiaryViolation(
  cotizante: Pick<MemberDoc, "memberType" | "state">,
  group: Pick<MemberDoc, "relationship" | "state">[],
  candidate: BeneficiaryCandidate,
): RuleViolation | null {
  if (cotizante.memberType !== MemberType.COTIZANTE) {
    return { kind: "conflict", message: "Solo un cotizante puede inscribir beneficiarios." };
  }
  if (cotizante.state !== AffiliationState.ACTIVO) {
    return { kind: "conflict", message: "El cotizante debe estar activo para inscribir beneficiarios." };
  }
  const current = group.filter((member) => !INACTIVE.has(member.state));
  const count = (relationship: Relationship) => current.filter((member) => member.relationship === relationship).length;
  const spouses = count(Relationship.CONYUGE_COMPANERO);
  const children = count(Relationship.HIJO);
  const parents = count(Relationship.PADRE_MADRE);

  switch (candidate.relationship) {
    case Relationship.CONYUGE_COMPANERO:
      if (spouses > 0) return { kind: "conflict", message: "El grupo familiar ya tiene un cónyuge o compañero(a) permanente." };
      break;
    case Relationship.HIJO:
      if (!candidate.permanentDisability) {
        if (candidate.age >= CHILD_AGE_LIMIT) {
          return {
            kind: "input",
            field: "input.person.birthDate",
            message: `Un hijo de ${CHILD_AGE_LIMIT} años o más solo puede ser beneficiario si tiene incapacidad permanente.`,
          };
        }
        if (!candidate.economicDependent) {
          return { kind: "input", field: "input.economicDependent", message: "Un hijo menor de 25 años debe depender económicamente del cotizante." };
        }
      }
      break;
    case Relationship.PADRE_MADRE:
      if (spouses > 0 || children > 0) {
        return { kind: "conflict", message: "Los padres solo pueden ser beneficiarios cuando el grupo no tiene cónyuge ni hijos." };
      }
      if (parents >= MAX_PARENTS) return { kind: "conflict", message: "El grupo familiar ya tiene inscritos a ambos padres." };
      if (!candidate.economicDependent) {
        return { kind: "input", field: "input.economicDependent", message: "Los padres deben depender económicamente del cotizante." };
      }
      break;
  }
  // The rule on parents read the other way: once parents are beneficiaries, a spouse or child cannot join.
  if (candidate.relationship !== Relationship.PADRE_MADRE && parents > 0) {
    return { kind: "conflict", message: "El grupo tiene a los padres como beneficiarios: no puede tener además cónyuge ni hijos." };
  }
  return null;
}

import { AffiliationState, MemberType, type Relationship } from "../member/member.enums.js";
import { beneficiaryViolation } from "../family/family.rules.js";
import { candidateOf } from "../family/family.group.js";
import type { AffiliationApplicationInput } from "./application.input.js";

export interface FieldProblem {
  field: string;
  message: string;
}

/** The cotizante an application would create, as the group rules see it: active, with an empty group. */
const NEW_COTIZANTE = { memberType: MemberType.COTIZANTE, state: AffiliationState.ACTIVO };

/**
 * What is wrong with an application's family part, judged at filing so the applicant can fix it at once:
 * the group it brings must pass the beneficiary rules as if it were added one by one; whoever joins another
 * group must be someone who may be a beneficiary at all (the group itself is judged at approval, when the
 * agent sees it: an anonymous applicant must not learn who is affiliated).
 */
export function familyProblem(input: AffiliationApplicationInput, today: string): FieldProblem | null {
  const beneficiaries = input.beneficiaries ?? [];
  const join = input.joinFamilyGroup;
  if (join) {
    if (beneficiaries.length > 0) return { field: "input.beneficiaries", message: "Quien se afilia como beneficiario no inscribe beneficiarios propios." };
    if (input.cotizanteKind || input.employerNit) {
      return { field: input.cotizanteKind ? "input.cotizanteKind" : "input.employerNit", message: "Quien se afilia como beneficiario no cotiza: no indique clase de cotizante ni empleador." };
    }
    if (join.cotizanteDocumentType === input.person.documentType && join.cotizanteDocumentNumber === input.person.documentNumber) {
      return { field: "input.joinFamilyGroup.cotizanteDocumentNumber", message: "El cotizante es otra persona que el solicitante." };
    }
    const violation = beneficiaryViolation(NEW_COTIZANTE, [], candidateOf({ ...join, person: input.person }, today));
    if (violation?.kind === "input") {
      const field = violation.field === "input.person.birthDate" ? violation.field : violation.field.replace(/^input\./, "input.joinFamilyGroup.");
      return { field, message: violation.message };
    }
    return null;
  }
  const seen = new Set([`${input.person.documentType}:${input.person.documentNumber}`]);
  const group: { relationship: Relationship; state: AffiliationState }[] = [];
  for (const [i, beneficiary] of beneficiaries.entries()) {
    const at = `input.beneficiaries.${i}`;
    const key = `${beneficiary.person.documentType}:${beneficiary.person.documentNumber}`;
    if (seen.has(key)) return { field: `${at}.person.documentNumber`, message: "Esta persona ya aparece en la solicitud." };
    seen.add(key);
    const violation = beneficiaryViolation(NEW_COTIZANTE, group, candidateOf(beneficiary, today));
    if (violation) {
      return { field: violation.kind === "input" ? violation.field.replace(/^input\./, `${at}.`) : `${at}.relationship`, message: violation.message };
    }
    group.push({ relationship: beneficiary.relationship, state: AffiliationState.ACTIVO });
  }
  return null;
}

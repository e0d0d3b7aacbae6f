import { DocumentType, requireAgentPurpose } from "@sos/kit";
import { Arg, Ctx, Field, ObjectType, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { isSubsidyEligible } from "../member/member.enums.js";
import { checkDocument } from "../member/member.resolver.js";
import { storedSisbenRegistry } from "./sisben.registry.js";

@ObjectType({ description: "Resultado de «Califícate en el SISBEN IV»: el grupo de la persona y si le da acceso al régimen subsidiado" })
export class SisbenCheck {
  @Field(() => Boolean, { description: "La persona está en el SISBEN IV" })
  found!: boolean;

  @Field(() => String, { nullable: true, description: "Grupo SISBEN IV (A1–A5 pobreza extrema, B1–B7 pobreza moderada, C1–C18 vulnerable, D1–D21 no pobre ni vulnerable)" })
  group!: string | null;

  @Field(() => Boolean, { description: "Los grupos A, B y C pueden afiliarse al régimen subsidiado" })
  subsidyEligible!: boolean;

  @Field(() => String, { description: "Lo que significa para la persona, en palabras" })
  explanation!: string;
}

const LETTERS: Record<string, string> = {
  A: "pobreza extrema",
  B: "pobreza moderada",
  C: "vulnerable",
  D: "no pobre ni vulnerable",
};

@Resolver()
export class SisbenResolver {
  @Query(() => SisbenCheck, {
    description: "«Califícate en el SISBEN IV»: el grupo de una persona por su documento y si accede al régimen subsidiado. No requiere sesión (con límite de consultas por dirección, como toda consulta anónima); los agentes indican el propósito",
  })
  async sisbenCheck(
    @Arg("documentType", () => DocumentType, { description: "Tipo de documento de la persona" }) documentType: DocumentType,
    @Arg("documentNumber", () => String, { description: "Número de documento, sin puntos ni espacios" }) documentNumber: string,
    @Ctx() ctx: Context,
  ): Promise<SisbenCheck> {
    requireAgentPurpose(ctx);
    checkDocument(documentType, documentNumber);
    const record = await storedSisbenRegistry(ctx.models.sisben).lookup(documentType, documentNumber);
    if (!record) {
      return { found: false, group: null, subsidyEligible: false, explanation: "La persona no aparece en el SISBEN IV: puede solicitar la encuesta en la alcaldía de su municipio." };
    }
    const eligible = isSubsidyEligible(record.group);
    const letter = record.group[0] as string;
    return {
      found: true,
      group: record.group,
      subsidyEligible: eligible,
      explanation: `Grupo ${record.group} (${LETTERS[letter] ?? ""}): ${eligible ? "puede afiliarse al régimen subsidiado." : "no accede al régimen subsidiado; puede afiliarse al contributivo."}`,
    };
  }
}

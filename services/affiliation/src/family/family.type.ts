import { Field, Int, ObjectType } from "type-graphql";
import { Member } from "../member/member.type.js";

@ObjectType({ description: "Grupo familiar: el cotizante y sus beneficiarios" })
export class FamilyGroup {
  @Field(() => Member, { description: "Cotizante del grupo" })
  cotizante!: Member;

  @Field(() => [Member], {
    description: "Beneficiarios del grupo, en orden de inscripción. Un grupo familiar es pequeño por ley: la lista no se pagina.",
  })
  beneficiaries!: Member[];

  @Field(() => Int, { description: "Número de beneficiarios" })
  size!: number;
}

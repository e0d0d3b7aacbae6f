import { Arg, Field, ObjectType, Query, Resolver, registerEnumType } from "type-graphql";
import { DUTIES, FAQ, RIGHTS, type FaqEntry } from "./content.data.js";

const FaqTopic = { AFILIACION: "AFILIACION", CITAS: "CITAS", MEDICAMENTOS: "MEDICAMENTOS", URGENCIAS: "URGENCIAS", PAC: "PAC", PQRS: "PQRS" } as const;
type FaqTopic = FaqEntry["topic"];
registerEnumType(FaqTopic, {
  name: "FaqTopic",
  description: "Tema de una pregunta frecuente",
  valuesConfig: {
    AFILIACION: { description: "Afiliación e IPS primaria" },
    CITAS: { description: "Citas médicas" },
    MEDICAMENTOS: { description: "Medicamentos y entregas pendientes" },
    URGENCIAS: { description: "Atención de urgencias" },
    PAC: { description: "Plan complementario (PAC)" },
    PQRS: { description: "Peticiones, quejas, reclamos y sugerencias" },
  },
});

@ObjectType({ description: "Pregunta frecuente" })
export class Faq {
  @Field(() => String, { description: "Identificador de la pregunta (p. ej. cambiar-ips)" })
  id!: string;

  @Field(() => FaqTopic, { description: "Tema" })
  topic!: FaqTopic;

  @Field(() => String, { description: "La pregunta" })
  question!: string;

  @Field(() => String, { description: "La respuesta" })
  answer!: string;
}

@ObjectType({ description: "Derechos y deberes del afiliado (Ley 1751 de 2015)" })
export class RightsAndDuties {
  @Field(() => [String], { description: "Derechos del afiliado, uno por elemento" })
  rights!: string[];

  @Field(() => [String], { description: "Deberes del afiliado, uno por elemento" })
  duties!: string[];
}

/** Help for members: public, no session needed. */
@Resolver()
export class ContentResolver {
  @Query(() => [Faq], { description: "Preguntas frecuentes; con un tema, solo las de ese tema" })
  faq(@Arg("topic", () => FaqTopic, { nullable: true, description: "Solo las de este tema; todas si se omite" }) topic: FaqTopic | undefined): Faq[] {
    return FAQ.filter((entry) => !topic || entry.topic === topic).map((entry) => ({ ...entry }));
  }

  @Query(() => RightsAndDuties, { description: "Derechos y deberes de los afiliados" })
  memberRightsAndDuties(): RightsAndDuties {
    return { rights: [...RIGHTS], duties: [...DUTIES] };
  }
}

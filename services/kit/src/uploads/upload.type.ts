import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { connectionType } from "../graphql/pagination.js";
import type { SupportContentType } from "./sniff.js";
import { UploadState } from "./upload.model.js";

/** The accepted kinds of support document, as the graph names them. */
export enum SupportDocumentType {
  PDF = "PDF",
  JPEG = "JPEG",
  PNG = "PNG",
}
registerEnumType(SupportDocumentType, {
  name: "SupportDocumentType",
  description: "Tipo de documento soporte: PDF, JPEG o PNG (se comprueba por el contenido)",
  valuesConfig: {
    PDF: { description: "Documento PDF (application/pdf)" },
    JPEG: { description: "Imagen JPEG (image/jpeg)" },
    PNG: { description: "Imagen PNG (image/png)" },
  },
});
registerEnumType(UploadState, {
  name: "SupportDocumentState",
  description: "PENDIENTE (sin contenido aún), CARGADO (sin usar: vence a las 24 horas) o REFERENCIADO (en una solicitud)",
  valuesConfig: {
    PENDIENTE: { description: "Se entregó el enlace de carga; el archivo aún no ha llegado" },
    CARGADO: { description: "El archivo llegó y se comprobó; si ninguna solicitud lo usa, se borra a las 24 horas" },
    REFERENCIADO: { description: "Una solicitud lo usa: se conserva con ella y no vence" },
  },
});

const MIME: Record<SupportDocumentType, SupportContentType> = { PDF: "application/pdf", JPEG: "image/jpeg", PNG: "image/png" };
export const contentTypeOf = (type: SupportDocumentType): SupportContentType => MIME[type];
export const documentTypeOf = (contentType: SupportContentType): SupportDocumentType =>
  (Object.keys(MIME) as SupportDocumentType[]).find((type) => MIME[type] === contentType) ?? SupportDocumentType.PDF;

/** What every "request an upload" mutation answers, whichever subgraph keeps the document: @shareable. */
@Directive("@shareable")
@ObjectType({ description: "Permiso para cargar un documento soporte: envíe el archivo con PUT a uploadPath antes de uploadExpiresAt" })
export class UploadTicket {
  @Field(() => ID, { description: "Identificador del documento: el que se indica en la solicitud que lo usa" })
  uploadId!: string;

  @Field(() => String, { description: "Ruta en el origen de la Oficina Virtual (/uploads/…) a la que se envía el archivo con PUT; solo ese documento, por 10 minutos" })
  uploadPath!: string;

  @Field(() => Date, { description: "Hasta cuándo funciona la ruta de carga" })
  uploadExpiresAt!: Date;

  @Field(() => Int, { description: "Tamaño máximo aceptado, en bytes (el declarado)" })
  maxBytes!: number;
}

/** A stored support document of a member, as their list shows it. */
@Directive("@shareable")
@ObjectType({ description: "Documento soporte cargado (historia clínica, orden médica, …) de un afiliado" })
export class SupportDocument {
  @Field(() => ID, { description: "El uploadId" })
  id!: string;

  @Field(() => ID, { description: "Afiliado al que pertenece" })
  memberId!: string;

  @Field(() => String, { description: "Para qué se cargó (AUTHORIZATION_ATTACHMENT)" })
  purpose!: string;

  @Field(() => UploadState, { description: "Estado del documento: pendiente, cargado o referenciado" })
  state!: UploadState;

  @Field(() => SupportDocumentType, { description: "Tipo comprobado por el contenido" })
  type!: SupportDocumentType;

  @Field(() => Int, { description: "Tamaño en bytes" })
  size!: number;

  @Field(() => Date, { description: "Cuándo se pidió el enlace de carga" })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "Cuándo se borra si nada lo usa; vacío una vez en una solicitud" })
  expiresAt!: Date | null;

  @Field(() => String, { nullable: true, description: "La solicitud que lo usa (número de radicado)" })
  referencedBy!: string | null;

  @Field(() => String, { description: "Ruta de descarga en el origen de la Oficina Virtual (/uploads/…); solo ese documento, por 5 minutos" })
  downloadPath!: string;

  @Field(() => Date, { description: "Hasta cuándo funciona downloadPath (5 minutos desde la consulta)" })
  downloadExpiresAt!: Date;
}

export const SupportDocumentConnection = connectionType("SupportDocument", SupportDocument, "documentos soporte");

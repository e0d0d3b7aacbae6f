import { ValidateBy, buildMessage, type ValidationOptions } from "class-validator";
import { isKnownMunicipality } from "../identifiers/dane.js";
import { DocumentType, ageOn, documentTypeAgeProblem, isValidDocumentNumber } from "../identifiers/document.js";
import { isIpsHabilitationCode } from "../identifiers/ips-code.js";
import { parseNit } from "../identifiers/nit.js";
import { todayInColombia } from "./scalars.js";

// class-validator decorators for the Colombian code systems, each with its Spanish message.

export const IsNit = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: "isNit",
      validator: {
        validate: (value) => typeof value === "string" && parseNit(value) !== null,
        defaultMessage: buildMessage(() => "El NIT no es válido: escriba los 9 dígitos y el dígito de verificación (p. ej. 805001157-2).", options),
      },
    },
    options,
  );

export const IsKnownMunicipality = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: "isKnownMunicipality",
      validator: {
        validate: (value) => typeof value === "string" && isKnownMunicipality(value),
        defaultMessage: buildMessage(() => "El municipio no es válido: use un código DANE de 5 dígitos de un municipio donde opera S.O.S.", options),
      },
    },
    options,
  );

export const IsIpsCode = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: "isIpsCode",
      validator: {
        validate: (value) => typeof value === "string" && isIpsHabilitationCode(value),
        defaultMessage: buildMessage(() => "El código de habilitación de la IPS debe tener 12 dígitos (DANE, consecutivo y sede).", options),
      },
    },
    options,
  );

/** The document number has the format of the document type named by `typeProperty` on the same object. */
export const IsDocumentNumberOf = (typeProperty: string, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: "isDocumentNumberOf",
      constraints: [typeProperty],
      validator: {
        validate: (value, args) => {
          const type = (args?.object as Record<string, unknown>)[typeProperty];
          // Only a real DocumentType has a format: anything else ("constructor", an object) would look one up
          // that does not exist and throw instead of refusing.
          return typeof value === "string" && isDocumentType(type) && isValidDocumentNumber(type, value);
        },
        defaultMessage: buildMessage(
          () => "El número de documento no tiene el formato del tipo de documento (CC: solo dígitos, sin puntos; PA: letras mayúsculas y dígitos).",
          options,
        ),
      },
    },
    options,
  );

/** The document type is the one for the age given by the birth date in `birthDateProperty` (RC 0–6, TI 7–17, CC 18+). */
export const FitsAge = (birthDateProperty: string, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: "fitsAge",
      constraints: [birthDateProperty],
      validator: {
        validate: (value, args) => {
          const birthDate = (args?.object as Record<string, unknown>)[birthDateProperty];
          // An unusable birth date reports its own problem; the type can only be judged against a real age.
          if (typeof birthDate !== "string" || !isPlausibleBirthDate(birthDate)) return true;
          return documentTypeAgeProblem(value as DocumentType, ageOn(birthDate, todayInColombia())) === null;
        },
        defaultMessage: buildMessage((_prefix, args) => {
          const birthDate = (args?.object as Record<string, unknown>)[birthDateProperty] as string;
          return documentTypeAgeProblem(args?.value as DocumentType, ageOn(birthDate, todayInColombia())) ?? "";
        }, options),
      },
    },
    options,
  );

const isDocumentType = (value: unknown): value is DocumentType => typeof value === "string" && (Object.values(DocumentType) as string[]).includes(value);

function isPlausibleBirthDate(value: string): boolean {
  // A day that exists: "2000-13-45" has the shape but no age (LocalDate fields refuse it first; a String one would not).
  if (!isCalendarDate(value)) return false;
  const age = ageOn(value, todayInColombia());
  return age >= 0 && age <= 120 && value <= todayInColombia();
}

/** A plausible birth date: not in the future, not more than 120 years ago. */
export const IsBirthDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: "isBirthDate",
      validator: {
        validate: (value) => typeof value === "string" && isPlausibleBirthDate(value),
        defaultMessage: buildMessage(() => "La fecha de nacimiento no es válida: no puede ser futura ni de hace más de 120 años.", options),
      },
    },
    options,
  );

/** "YYYY-MM-DD" naming a day that exists (not 2026-02-30): the string reads back the same as a date. */
export const isCalendarDate = (value: unknown): value is string =>
  typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

/** A calendar date "YYYY-MM-DD" that exists; the message names what is wrong. */
export const IsCalendarDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: "isCalendarDate",
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: buildMessage(() => "La fecha debe existir y tener el formato AAAA-MM-DD.", options),
      },
    },
    options,
  );

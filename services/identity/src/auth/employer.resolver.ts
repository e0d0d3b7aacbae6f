import { badUserInput, formatNit, isDuplicateKeyError, newId, parseNit } from "@sos/kit";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { AccountStatus, normalEmail, pendingUntil, type AccountDoc, type Profile } from "../accounts/account.model.js";
import { CodePurpose } from "../accounts/code.model.js";
import { employerForRegistration } from "../accounts/member.lookup.js";
import { hashPassword, passwordProblem } from "../accounts/passwords.js";
import type { Context } from "../context.js";
import { RegisterEmployerInput } from "./auth.input.js";
import { REGISTERED, codeFor, mail } from "./auth.notify.js";
import { Receipt } from "./auth.type.js";

/**
 * An employer's payroll contact registers by NIT, proven by the e-mail the employer registered with the
 * EPS (affiliation keeps it). Someone who already has an account — a member who also runs the payroll —
 * gains the EMPLOYER profile on the same account and chooses the profile at sign-in.
 */
@Resolver()
export class EmployerRegistrationResolver {
  @Mutation(() => Receipt, {
    description:
      "Registro del contacto de nómina de un empleador (sin sesión): NIT y el correo registrado ante la EPS. Llega un código a ese correo para confirmEmail; si ya tiene una cuenta (p. ej. como afiliado), se le agrega el perfil de empleador. La respuesta es la misma si no coinciden",
  })
  async registerEmployer(@Arg("input", () => RegisterEmployerInput, { description: "NIT, correo del contacto de nómina y contraseña" }) input: RegisterEmployerInput, @Ctx() ctx: Context): Promise<Receipt> {
    const nit = parseNit(input.nit);
    if (!nit) throw badUserInput({ field: "input.nit", message: "El NIT no es válido: escriba los 9 dígitos y el dígito de verificación (p. ej. 900123456-8)." });
    const email = normalEmail(input.email);
    const problem = passwordProblem(input.password, [nit.base, email.split("@")[0] ?? ""]);
    const { accounts } = ctx.models;
    const existing = await accounts.findOne({ email }).lean<AccountDoc>().exec();
    // A new account's password must be a good one; an existing account proves itself with its own at confirmation.
    if (problem && !existing) throw badUserInput({ field: "input.password", message: problem });
    const passwordHash = await hashPassword(input.password);
    const employer = await employerForRegistration(ctx, formatNit(nit.base));
    if (!employer || normalEmail(employer.payrollContactEmail ?? "") !== email) return { message: REGISTERED };

    const profile: Profile = { role: "EMPLOYER", employerNit: nit.base };
    if (existing?.status === AccountStatus.DESHABILITADA) return { message: REGISTERED };
    if (existing?.profiles.some((candidate) => candidate.role === "EMPLOYER" && candidate.employerNit === nit.base)) {
      if (existing.status === AccountStatus.ACTIVA) mail(ctx, email, "Ya tiene una cuenta de empleador", "Alguien intentó registrar de nuevo a su empresa con este correo, que ya tiene una cuenta. Si olvidó su contraseña, use «Restablecer contraseña».");
      return { message: REGISTERED };
    }
    if (existing?.status === AccountStatus.PENDIENTE) {
      mail(ctx, email, "Complete primero su registro", "Este correo tiene un registro sin confirmar en la Oficina Virtual: confírmelo con su código antes de agregar a su empresa.");
      return { message: REGISTERED };
    }
    const accountId = existing?._id ?? newId();
    if (!existing) {
      try {
        await accounts.create([{ _id: accountId, email, passwordHash: null, status: AccountStatus.PENDIENTE, profiles: [profile], createdAt: new Date(), createdBy: "self", memberId: null, pendingUntil: pendingUntil() }]);
      } catch (error) {
        if (isDuplicateKeyError(error)) return { message: REGISTERED };
        throw error;
      }
    }
    // A new account: the code carries its password. An existing one: the code carries the profile to add.
    const code = await codeFor(ctx, accountId, CodePurpose.CONFIRMAR_CORREO, existing ? { profile } : { passwordHash, profile });
    if (code) mail(ctx, email, "Su código para la Oficina Virtual de S.O.S. (empleadores)", `Su código de confirmación es ${code}. Vence en ${ctx.settings.codeMinutes} minutos. Escríbalo con su contraseña. Si usted no lo pidió, ignore este mensaje.`);
    return { message: REGISTERED };
  }
}

import { AppError, ErrorCode, badUserInput, isDuplicateKeyError, newId, requireViewer, unauthenticated } from "@sos/kit";
import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { AccountStatus, normalEmail, pendingUntil, type AccountDoc } from "../accounts/account.model.js";
import { CodePurpose, redeemCode } from "../accounts/code.model.js";
import { memberForRegistration } from "../accounts/member.lookup.js";
import { checkPassword, hashPassword, passwordProblem } from "../accounts/passwords.js";
import { claimAttempt, clearFailures, recordFailure, throttleKey } from "../accounts/throttle.model.js";
import type { Context } from "../context.js";
import { REGISTERED, codeFor, mail } from "./auth.notify.js";
import { endAllSessions, endSession, rotateSession, startSession, type IssuedSession } from "../sessions/sessions.js";
import { ConfirmEmailInput, LoginInput, RefreshSessionInput, RegisterMemberInput, ResetPasswordInput } from "./auth.input.js";
import { Account, Receipt, Session } from "./auth.type.js";

const RESET_SENT = "Si hay una cuenta con ese correo, enviamos un código de 6 dígitos para restablecer la contraseña.";
const BAD_CREDENTIALS = "Correo o contraseña incorrectos.";
const BAD_CODE = { field: "input.code", message: "El código no es válido o ya venció. Pida uno nuevo." };

/** The same refusal for a locked name whether or not an account has it. */
const locked = (until: Date) =>
  new AppError(ErrorCode.UNAUTHENTICATED, `Demasiados intentos fallidos. Intente de nuevo en ${Math.ceil((until.getTime() - Date.now()) / 60_000)} minutos.`, { retryAfterSeconds: Math.ceil((until.getTime() - Date.now()) / 1000) });

/**
 * Registration, sign-in and the session's life. Every answer that could tell whether a person has an
 * account or an affiliation is the same either way; failures count against the user name whether or not
 * it exists (accounts/throttle.model.ts).
 */
@Resolver()
export class AuthResolver {
  @Query(() => Account, { description: "La cuenta de la sesión (cualquier rol con cuenta)" })
  async myAccount(@Ctx() ctx: Context): Promise<Account> {
    const viewer = requireViewer(ctx.viewer);
    const account = await ctx.models.accounts.findById(viewer.subject).lean<AccountDoc>().exec();
    if (!account) throw unauthenticated("Esta sesión no corresponde a una cuenta de la Oficina Virtual.");
    return { id: account._id, email: account.email, status: account.status, profiles: account.profiles };
  }

  @Mutation(() => Receipt, {
    description:
      "Registro de un afiliado (sin sesión): documento, fecha de nacimiento y el correo registrado en su afiliación. Si coinciden, llega un código a ese correo para confirmEmail. La respuesta es la misma si no coinciden",
  })
  async registerMember(@Arg("input", () => RegisterMemberInput, { description: "Documento, fecha de nacimiento, correo y contraseña" }) input: RegisterMemberInput, @Ctx() ctx: Context): Promise<Receipt> {
    const email = normalEmail(input.email);
    const problem = passwordProblem(input.password, [input.documentNumber, email.split("@")[0] ?? ""]);
    if (problem) throw badUserInput({ field: "input.password", message: problem });
    // Hashed whether or not the data match: the answer takes the same time either way.
    const passwordHash = await hashPassword(input.password);
    const member = await memberForRegistration(ctx, input.documentType, input.documentNumber);
    const matches = !!member && member.state !== "AFILIADO_FALLECIDO" && member.birthDate === input.birthDate && normalEmail(member.contact?.email ?? "") === email;
    if (!matches) return { message: REGISTERED };

    const { accounts } = ctx.models;
    // Two indexed reads (an $or would scan on some servers): the member's account, or one with this e-mail.
    const existing = (await accounts.findOne({ memberId: member.id }).lean<AccountDoc>().exec()) ?? (await accounts.findOne({ email }).lean<AccountDoc>().exec());
    if (existing && existing.memberId !== member.id) {
      // Family members often share an e-mail: one account per address, so the other registers another.
      mail(ctx, email, "Su correo ya tiene una cuenta en la Oficina Virtual", "Alguien intentó registrar a otro afiliado con este correo, que ya está en uso por otra cuenta. Cada afiliado necesita su propio correo; actualícelo en una oficina o en la línea 01 8000 938 777.");
      return { message: REGISTERED };
    }
    if (existing && existing.status !== AccountStatus.PENDIENTE) {
      mail(ctx, email, "Ya tiene una cuenta en la Oficina Virtual", "Alguien intentó registrarse con sus datos, pero usted ya tiene una cuenta. Si olvidó su contraseña, use «Restablecer contraseña». Si no fue usted, no haga nada.");
      return { message: REGISTERED };
    }
    const accountId = existing?._id ?? newId();
    try {
      // The account waits, with no password, for a code; the password travels with the code (code.model.ts).
      await accounts.updateOne(
        { _id: accountId, status: AccountStatus.PENDIENTE },
        { $setOnInsert: { email, passwordHash: null, profiles: [{ role: "MEMBER", memberId: member.id }], createdAt: new Date(), createdBy: "self", memberId: member.id, pendingUntil: pendingUntil() } },
        { upsert: true },
      );
    } catch (error) {
      // A concurrent registration of the same person or e-mail won: it sends its own code.
      if (isDuplicateKeyError(error)) return { message: REGISTERED };
      throw error;
    }
    const code = await codeFor(ctx, accountId, CodePurpose.CONFIRMAR_CORREO, { passwordHash });
    if (code) mail(ctx, email, "Su código para la Oficina Virtual de S.O.S.", `Su código de confirmación es ${code}. Vence en ${ctx.settings.codeMinutes} minutos. Escríbalo con la contraseña que eligió. Si usted no pidió registrarse, ignore este mensaje.`);
    return { message: REGISTERED };
  }

  @Mutation(() => Session, {
    description:
      "Confirma el correo con el código recibido y la contraseña: activa una cuenta nueva (la contraseña elegida al registrarse) o agrega el perfil de empleador a una cuenta existente (su contraseña de siempre); inicia sesión",
  })
  async confirmEmail(@Arg("input", () => ConfirmEmailInput, { description: "Correo, código recibido y contraseña" }) input: ConfirmEmailInput, @Ctx() ctx: Context): Promise<IssuedSession> {
    const { accounts } = ctx.models;
    const account = await accounts.findOne({ email: normalEmail(input.email), status: { $ne: AccountStatus.DESHABILITADA } }).lean<AccountDoc>().exec();
    const bound = account ? await redeemCode(ctx.models.codes, account._id, CodePurpose.CONFIRMAR_CORREO, input.code) : null;
    if (!account || !bound) throw badUserInput(BAD_CODE);
    let confirmed: AccountDoc | null;
    if (account.status === AccountStatus.PENDIENTE) {
      // The code is bound to the password of the registration that asked for it: a code sent for someone
      // else's registration of the same person (to the same inbox) activates nothing.
      if (!bound.passwordHash || !(await checkPassword(bound.passwordHash, input.password))) throw badUserInput(BAD_CODE);
      confirmed = await accounts.findOneAndUpdate({ _id: account._id, status: AccountStatus.PENDIENTE }, { $set: { status: AccountStatus.ACTIVA, passwordHash: bound.passwordHash, pendingUntil: null } }, { returnDocument: "after" }).lean<AccountDoc>().exec();
    } else {
      // An existing account gains the profile the code carries, proven by its own password.
      if (!bound.profile || !(await checkPassword(account.passwordHash, input.password))) throw badUserInput(BAD_CODE);
      confirmed = await accounts.findOneAndUpdate({ _id: account._id, status: AccountStatus.ACTIVA }, { $addToSet: { profiles: bound.profile } }, { returnDocument: "after" }).lean<AccountDoc>().exec();
    }
    if (!confirmed) throw badUserInput(BAD_CODE);
    await clearFailures(ctx.models.throttle, throttleKey("code-issue", account._id));
    const profile = bound.profile ? confirmed.profiles.find((candidate) => candidate.role === bound.profile?.role && candidate.employerNit === bound.profile?.employerNit) : undefined;
    return startSession(ctx.models, ctx.settings, confirmed, profile ?? confirmed.profiles[0]);
  }

  @Mutation(() => Session, { description: "Inicia sesión. Tras 5 intentos fallidos el usuario espera 1, 2, 4… hasta 60 minutos" })
  async login(@Arg("input", () => LoginInput, { description: "Correo, contraseña y, si la cuenta tiene varios, el perfil" }) input: LoginInput, @Ctx() ctx: Context): Promise<IssuedSession> {
    const email = normalEmail(input.email);
    const key = throttleKey("login", email);
    // One attempt at a time per name, counted before the password is checked: a burst gets one try.
    const claim = await claimAttempt(ctx.models.throttle, key);
    if (!claim.ok) throw locked(claim.until);
    const account = await ctx.models.accounts.findOne({ email }).lean<AccountDoc>().exec();
    const passwordOk = await checkPassword(account?.passwordHash ?? null, input.password);
    if (!account || !passwordOk || account.status !== AccountStatus.ACTIVA) {
      await recordFailure(ctx.models.throttle, key);
      throw unauthenticated(BAD_CREDENTIALS);
    }
    await clearFailures(ctx.models.throttle, key);
    // An account with several profiles (a member who is also an employer's payroll contact) chooses one.
    const profile = input.profile ? account.profiles.find((candidate) => candidate.role === input.profile) : account.profiles[0];
    if (!profile) throw badUserInput({ field: "input.profile", message: "Su cuenta no tiene ese perfil." });
    return startSession(ctx.models, ctx.settings, account, profile);
  }

  @Mutation(() => Session, { description: "Renueva la sesión: el token de renovación se gasta y se entrega otro. Usar uno ya gastado cierra la sesión en todas partes" })
  refreshSession(@Arg("input", () => RefreshSessionInput, { description: "El token de renovación y, si se quiere cambiar, el perfil" }) input: RefreshSessionInput, @Ctx() ctx: Context): Promise<IssuedSession> {
    return rotateSession(ctx.connection, ctx.models, ctx.settings, input.refreshToken, input.profile);
  }

  @Mutation(() => Boolean, { description: "Cierra la sesión (el token de renovación y los que vinieron de él)" })
  async logout(@Arg("refreshToken", () => String, { description: "El token de renovación de la sesión que se cierra" }) refreshToken: string, @Ctx() ctx: Context): Promise<boolean> {
    if (refreshToken.length <= 200) await endSession(ctx.models, refreshToken);
    return true;
  }

  @Mutation(() => Receipt, { description: "Pide un código para restablecer la contraseña (sin sesión). La respuesta es la misma haya o no una cuenta" })
  async requestPasswordReset(@Arg("email", () => String, { description: "Correo electrónico de la cuenta" }) rawEmail: string, @Ctx() ctx: Context): Promise<Receipt> {
    const email = normalEmail(rawEmail.slice(0, 120));
    const account = await ctx.models.accounts.findOne({ email, status: { $ne: AccountStatus.DESHABILITADA } }).lean<AccountDoc>().exec();
    if (account && (account.status === AccountStatus.ACTIVA || account.passwordHash === null)) {
      const code = await codeFor(ctx, account._id, CodePurpose.RESTABLECER);
      if (code) mail(ctx, email, "Restablecer su contraseña de la Oficina Virtual", `Su código para restablecer la contraseña es ${code}. Vence en ${ctx.settings.codeMinutes} minutos. Si usted no lo pidió, ignore este mensaje: su contraseña sigue igual.`);
    }
    return { message: RESET_SENT };
  }

  @Mutation(() => Boolean, { description: "Fija una nueva contraseña con el código recibido; cierra todas las sesiones abiertas" })
  async resetPassword(@Arg("input", () => ResetPasswordInput, { description: "Correo, código recibido y contraseña nueva" }) input: ResetPasswordInput, @Ctx() ctx: Context): Promise<boolean> {
    const email = normalEmail(input.email);
    const account = await ctx.models.accounts.findOne({ email, status: { $ne: AccountStatus.DESHABILITADA } }).lean<AccountDoc>().exec();
    const problem = passwordProblem(input.newPassword, [email.split("@")[0] ?? ""]);
    if (problem) throw badUserInput({ field: "input.newPassword", message: problem });
    if (!account || !(await redeemCode(ctx.models.codes, account._id, CodePurpose.RESTABLECER, input.code))) throw badUserInput(BAD_CODE);
    // A staff member's first password (an invitation) activates the account; a disabled one stays so.
    const changed = await ctx.models.accounts.updateOne({ _id: account._id, status: { $ne: AccountStatus.DESHABILITADA } }, { $set: { passwordHash: await hashPassword(input.newPassword), status: AccountStatus.ACTIVA, pendingUntil: null } }).exec();
    if (changed.matchedCount !== 1) throw badUserInput(BAD_CODE);
    await endAllSessions(ctx.models, account._id);
    await clearFailures(ctx.models.throttle, throttleKey("code-issue", account._id));
    await clearFailures(ctx.models.throttle, throttleKey("login", email));
    return true;
  }
}

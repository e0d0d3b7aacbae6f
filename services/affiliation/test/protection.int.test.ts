import { DocumentType, connectDatabase, createLogger, ensureIndexes } from "@sos/kit";
import { testDatabaseName, testMongoUri } from "@sos/kit/testing";
import type { Connection } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModels, type Models } from "../src/context.js";
import { newMember } from "../src/member/member.enrol.js";
import { AffiliationState, MemberType, Regime, Sex } from "../src/member/member.enums.js";
import type { MemberDoc } from "../src/member/member.model.js";
import { endLaborProtections } from "../src/novelty/protection.job.js";

let connection: Connection;
let models: Models;
beforeAll(async () => {
  connection = await connectDatabase({ uri: testMongoUri(), dbName: testDatabaseName("protection"), logger: createLogger("test", "silent") });
  models = createModels(connection);
  await ensureIndexes(Object.values(models));
});
afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

const protectedMember = (documentNumber: string, protectionUntil: string): MemberDoc => ({
  ...newMember(
    { documentType: DocumentType.CC, documentNumber, firstName: "Ana", firstSurname: "Gómez", birthDate: "1980-01-01", sex: Sex.FEMENINO },
    { contact: { email: `${documentNumber}@correo.example` }, municipalityCode: "76001", regime: Regime.CONTRIBUTIVO, memberType: MemberType.COTIZANTE, primaryIpsCode: "760010000101" },
    "AFILIACION",
    "test",
    new Date("2020-01-01T12:00:00Z"),
  ),
  state: AffiliationState.PROTECCION_LABORAL,
  protectionUntil,
});

describe("the end of protección laboral", () => {
  it("retires those whose last day has passed, keeps the others, and ends each protection once", async () => {
    const ended = protectedMember("1144300001", "2026-11-29");
    const lastDayToday = protectedMember("1144300002", "2026-11-30");
    const active = { ...protectedMember("1144300003", "2026-01-01"), state: AffiliationState.ACTIVO, protectionUntil: null };
    await models.members.insertMany([ended, lastDayToday, active]);

    expect(await endLaborProtections(connection, models, "2026-11-30")).toBe(1);
    const after = await models.members.findById(ended._id).lean<MemberDoc>().exec();
    expect(after).toMatchObject({ state: AffiliationState.RETIRADO, protectionUntil: null, retirement: { reason: "FIN_PROTECCION_LABORAL" } });
    expect(after?.stateHistory?.at(-1)).toMatchObject({ state: AffiliationState.RETIRADO, reason: "FIN_PROTECCION_LABORAL" });
    expect(await models.members.findById(lastDayToday._id).lean<MemberDoc>().exec()).toMatchObject({ state: AffiliationState.PROTECCION_LABORAL });
    expect(await models.members.findById(active._id).lean<MemberDoc>().exec()).toMatchObject({ state: AffiliationState.ACTIVO });

    // Run again (another replica, the next hour): nothing more changes, the history gains nothing.
    expect(await endLaborProtections(connection, models, "2026-11-30")).toBe(0);
    expect((await models.members.findById(ended._id).lean<MemberDoc>().exec())?.stateHistory).toHaveLength(2);
    // The cotizante is told, once.
    expect(await models.outbox.countDocuments({ memberId: ended._id, subject: "Terminó su protección laboral" })).toBe(1);
  });
});

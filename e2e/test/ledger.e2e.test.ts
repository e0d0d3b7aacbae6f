// The access ledger through the gateway: every subgraph appends a hash-chained record of who read whose
// data; María Fernanda sees that an agent read her record, when and why; an auditor searches and
// verifies the chains; editing one entry makes the verifier (query and command) fail at that entry.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { errorCodes } from "@sos/kit/testing";
import { PERSONAS, PERSONA_FAMILY_IDS, PERSONA_IDS, PERSONA_IPS_CODE } from "@sos/personas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "./stack.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const agent = PERSONAS["agent"]!;
const auditor = { subject: "user-auditor-0001", role: "AUDITOR" as const };
const PURPOSE = "Llamada de la afiliada: consulta de su autorización";

type LogEntry = { who: string; role: string; purpose: string | null; action: string; service: string; at: string; ips: { habilitationCode: string; name: string } | null };
const ACCESS_LOG = `{ me { accessLog(first: 50) { totalCount edges { node { who role purpose action service at ips { habilitationCode name } } } } } }`;
type Verification = { accessLedgerVerification: { chain: string; entries: number; valid: boolean; firstBadSeq: number | null; problem: string | null }[] };
const VERIFY = `{ accessLedgerVerification { chain entries valid firstBadSeq problem } }`;

describe("the member sees who looked", () => {
  it("an agent's read of María Fernanda's record, with when and why; a clinic's rights check with the clinic's name; not her own reads", async () => {
    const read = await stack.query(`query($id: ID!) { member(id: $id) { fullName state } }`, { viewer: agent, headers: { "x-access-purpose": PURPOSE }, variables: { id: PERSONA_IDS.member } });
    expect(read.errors).toBeUndefined();
    const maria = await stack.connection.collection("members").findOne({ _id: PERSONA_IDS.member as never });
    await stack.persisted("RightsCheck", { viewer: { subject: "user-ips-otra", role: "IPS", ipsCode: PERSONA_IPS_CODE }, variables: { documentType: maria!["documentType"], documentNumber: maria!["documentNumber"] } });
    await stack.query(`{ me { fullName } }`, { viewer: PERSONAS["member"] });

    const log = await stack.query<{ me: { accessLog: { totalCount: number; edges: { node: LogEntry }[] } } }>(ACCESS_LOG, { viewer: PERSONAS["member"] });
    expect(log.errors).toBeUndefined();
    const entries = log.data!.me.accessLog.edges.map((edge) => edge.node);
    const byAgent = entries.find((entry) => entry.role === "AGENT" && entry.purpose === PURPOSE);
    expect(byAgent).toMatchObject({ who: "Un agente de S.O.S.", action: "MEMBER_READ", service: "affiliation" });
    expect(Date.now() - Date.parse(byAgent!.at)).toBeLessThan(60_000);
    // The agent's name or account is never shown to the member.
    expect(JSON.stringify(entries)).not.toContain(agent.subject);
    const byClinic = entries.find((entry) => entry.role === "IPS");
    expect(byClinic?.ips).toMatchObject({ habilitationCode: PERSONA_IPS_CODE, name: expect.any(String) });
    // Her own reads are not listed.
    expect(entries.some((entry) => entry.role === "MEMBER")).toBe(false);
  });

  it("is hers alone: not even her cotizante or an agent, who may read the record, see it", async () => {
    // María reads her son's record (she is his cotizante) but not who looked at it.
    const asCotizante = await stack.query<{ member: { id: string; accessLog: unknown } }>(`query($id: ID!) { member(id: $id) { id accessLog { totalCount } } }`, { viewer: PERSONAS["member"], variables: { id: PERSONA_FAMILY_IDS.olderChild } });
    expect(asCotizante.data!.member.id).toBe(PERSONA_FAMILY_IDS.olderChild);
    expect(asCotizante.data!.member.accessLog).toBeNull();
    expect(errorCodes(asCotizante)).toEqual(["FORBIDDEN"]);
    const agentAsks = await stack.query(`query($id: ID!) { member(id: $id) { accessLog { totalCount } } }`, { viewer: agent, headers: { "x-access-purpose": PURPOSE }, variables: { id: PERSONA_IDS.member } });
    expect(errorCodes(agentAsks)).toEqual(["FORBIDDEN"]);
  });
});

describe("auditors", () => {
  it("search the ledger by member, see the chain's hashes, and only auditors may", async () => {
    const found = await stack.query<{ accessLedger: { edges: { node: { chain: string; seq: number; hash: string; prevHash: string; actor: { subject: string } } }[] } }>(
      `query($m: ID!) { accessLedger(subjectMemberId: $m, first: 20) { edges { node { chain seq hash prevHash actor { subject } } } } }`,
      { viewer: auditor, variables: { m: PERSONA_IDS.member } },
    );
    expect(found.errors).toBeUndefined();
    expect(found.data!.accessLedger.edges.some((edge) => edge.node.actor.subject === agent.subject)).toBe(true);
    expect(errorCodes(await stack.query(`query($m: ID!) { accessLedger(subjectMemberId: $m) { totalCount } }`, { viewer: agent, headers: { "x-access-purpose": PURPOSE }, variables: { m: PERSONA_IDS.member } }))).toEqual(["FORBIDDEN"]);
    const neither = await stack.query(`{ accessLedger { totalCount } }`, { viewer: auditor });
    expect(neither.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "subjectMemberId" });
  });

  it("keeps one unbroken chain per subgraph under concurrent reads", async () => {
    const before = await stack.ledger().countDocuments({ chain: "affiliation" });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        stack.query(`query($id: ID!) { member(id: $id) { state } }`, { viewer: { subject: `user-agent-${i}`, role: "AGENT" }, headers: { "x-access-purpose": PURPOSE }, variables: { id: PERSONA_IDS.otherMember } }),
      ),
    );
    expect(await stack.ledger().countDocuments({ chain: "affiliation" })).toBeGreaterThanOrEqual(before + 20);
    const verified = await stack.query<Verification>(VERIFY, { viewer: auditor });
    expect(verified.errors).toBeUndefined();
    const chains = verified.data!.accessLedgerVerification;
    expect(chains.map((chain) => chain.chain)).toContain("affiliation");
    expect(chains.every((chain) => chain.valid && chain.entries > 0)).toBe(true);
  });

  it("finds a chain cut short at the end: the command compares it with the head its subgraph keeps", async () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const verify = () =>
      promisify(execFile)(process.execPath, ["--conditions=development", "--import", "tsx", "scripts/ledger-verify.ts", "affiliation"], {
        cwd: root,
        env: { ...process.env, LEDGER_DB: stack.ledgerDb, LEDGER_HEAD_DB_AFFILIATION: stack.subgraphs["affiliation"]!.connection.name },
      }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => error,
      );
    expect(await verify()).toMatchObject({ code: 0, stdout: expect.stringContaining("ok      affiliation") });
    // Someone with access to the ledger database deletes the last entries of a chain.
    const last = await stack.ledger().find({ chain: "affiliation" }).sort({ _id: -1 }).limit(2).toArray();
    await stack.ledger().deleteMany({ _id: { $in: last.map((entry) => entry._id) } });
    const cut = await verify();
    expect(cut.code).toBe(1);
    expect(cut.stdout).toContain(`BROKEN  affiliation: entry ${last[1]!["seq"]} faltan entradas al final`);
  });

  it("finds the entry someone edited: the query and the command both fail at it", async () => {
    const victim = await stack.ledger().find({ chain: "affiliation" }).sort({ _id: 1 }).skip(2).limit(1).next();
    await stack.ledger().updateOne({ _id: victim!._id }, { $set: { purpose: "Nada que ver aquí" } });

    const verified = await stack.query<Verification>(`{ accessLedgerVerification(chain: "affiliation") { chain valid firstBadSeq problem } }`, { viewer: auditor });
    expect(verified.data!.accessLedgerVerification).toEqual([{ chain: "affiliation", valid: false, firstBadSeq: victim!["seq"], problem: expect.stringMatching(/hash/) }]);

    const root = fileURLToPath(new URL("../..", import.meta.url));
    const run = promisify(execFile)(process.execPath, ["--conditions=development", "--import", "tsx", "scripts/ledger-verify.ts"], { cwd: root, env: { ...process.env, LEDGER_DB: stack.ledgerDb } });
    const failure = (await run.then(() => null, (error: { code: number; stdout: string }) => error))!;
    expect(failure.code).toBe(1);
    expect(failure.stdout).toContain(`BROKEN  affiliation: entry ${victim!["seq"]}`);
  });
});

import { randomInt } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SIGNATURE_HEADER, signBody, verifySignature } from "../payment/pse.signature.js";

/** Tests sign what they send as the bank would. */
export { signBody };

/**
 * A stand-in for the PSE payment provider (ACH Colombia's bank-transfer button), as a real HTTP peer:
 * the billing subgraph opens transactions on it and asks for their status with signed requests; a person
 * (or a test) approves or rejects on its payment page; it calls back with a signed result and sends the
 * browser back. Development and tests only: production talks to the real provider.
 */
export const SANDBOX_BANKS = [
  { code: "1007", name: "BANCOLOMBIA" },
  { code: "1051", name: "BANCO DAVIVIENDA" },
  { code: "1001", name: "BANCO DE BOGOTA" },
  { code: "1013", name: "BANCO BBVA COLOMBIA" },
  { code: "1023", name: "BANCO DE OCCIDENTE" },
  { code: "1507", name: "NEQUI" },
] as const;

export interface SandboxTransaction {
  transactionId: string;
  reference: string;
  amount: number;
  bankCode: string;
  description: string;
  callbackUrl: string;
  returnUrl: string;
  status: "PENDIENTE" | "APROBADO" | "RECHAZADO";
  cus: string | null;
}

export interface PseSandbox {
  url: string;
  transactions: Map<string, SandboxTransaction>;
  /** Decides as the payment page does; `callback: false` plays a lost callback. */
  decide(transactionId: string, status: "APROBADO" | "RECHAZADO", options?: { callback?: boolean }): Promise<SandboxTransaction>;
  /** The signed callback body of a decided transaction, to replay it. */
  callbackOf(transactionId: string): { body: string; signature: string };
  close(): Promise<void>;
}

const MAX_BODY = 16 * 1024;

async function bodyOf(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req as AsyncIterable<Buffer>) {
    body += chunk.toString("utf8");
    if (body.length > MAX_BODY) throw new Error("body too large");
  }
  return body;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startPseSandbox(options: {
  port?: number;
  host?: string;
  secret: string;
  /** The address browsers reach it at, when not the one it listens on (behind Docker's port mapping). */
  publicUrl?: string;
  log?: (line: string) => void;
}): Promise<PseSandbox> {
  const { secret } = options;
  const transactions = new Map<string, SandboxTransaction>();
  let next = 1;
  const signed = (res: ServerResponse, status: number, payload: unknown) => {
    const body = JSON.stringify(payload);
    res.writeHead(status, { "content-type": "application/json", [SIGNATURE_HEADER]: signBody(body, secret) }).end(body);
  };
  const callbackOf = (transaction: SandboxTransaction) => {
    const body = JSON.stringify({ reference: transaction.reference, transactionId: transaction.transactionId, status: transaction.status, cus: transaction.cus, amount: transaction.amount, bankCode: transaction.bankCode });
    return { body, signature: signBody(body, secret) };
  };
  async function decide(transactionId: string, status: "APROBADO" | "RECHAZADO", { callback = true } = {}): Promise<SandboxTransaction> {
    const transaction = transactions.get(transactionId);
    if (!transaction) throw new Error(`no transaction ${transactionId}`);
    if (transaction.status === "PENDIENTE") {
      transaction.status = status;
      transaction.cus = status === "APROBADO" ? String(randomInt(100_000_000, 999_999_999)) : null;
    }
    if (callback) {
      const { body, signature } = callbackOf(transaction);
      await fetch(transaction.callbackUrl, { method: "POST", headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signature }, body, signal: AbortSignal.timeout(5_000) }).catch((error: unknown) =>
        options.log?.(`callback to ${transaction.callbackUrl} failed: ${String(error)}`),
      );
    }
    return transaction;
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://sandbox");
      const body = req.method === "POST" ? await bodyOf(req) : "";
      const route = `${req.method} ${url.pathname}`;
      if (route === "GET /health") return void res.writeHead(200).end("ok");
      // The API: signed both ways.
      if (url.pathname.startsWith("/api/")) {
        if (!verifySignature(body, req.headers[SIGNATURE_HEADER], secret)) return signed(res, 401, { error: "bad signature" });
        if (route === "GET /api/banks") return signed(res, 200, SANDBOX_BANKS);
        if (route === "POST /api/transactions") {
          const request = JSON.parse(body) as Omit<SandboxTransaction, "transactionId" | "status" | "cus">;
          const transactionId = `TX${String(next++).padStart(8, "0")}`;
          transactions.set(transactionId, { ...request, transactionId, status: "PENDIENTE", cus: null });
          return signed(res, 201, { transactionId, redirectUrl: `${base}/pay/${transactionId}` });
        }
        const transaction = req.method === "GET" && url.pathname.startsWith("/api/transactions/") ? transactions.get(decodeURIComponent(url.pathname.slice(18))) : undefined;
        if (transaction) return signed(res, 200, { ...transaction });
        return signed(res, 404, { error: "not found" });
      }
      // The member's browser: a payment page to approve or reject.
      const id = url.pathname.startsWith("/pay/") ? decodeURIComponent(url.pathname.slice(5)) : "";
      const transaction = transactions.get(id);
      if (!transaction) return void res.writeHead(404, { "content-type": "text/plain" }).end("Transacción no encontrada");
      if (req.method === "POST") {
        const form = new URLSearchParams(body);
        const decided = await decide(id, form.get("decision") === "APROBADO" ? "APROBADO" : "RECHAZADO");
        const back = new URL(decided.returnUrl);
        back.searchParams.set("reference", decided.reference);
        back.searchParams.set("status", decided.status);
        return void res.writeHead(303, { location: back.toString() }).end();
      }
      const banks = SANDBOX_BANKS.map((bank) => `<option value="${bank.code}"${bank.code === transaction.bankCode ? " selected" : ""}>${bank.name}</option>`).join("");
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(`<!doctype html><html lang="es"><meta charset="utf-8"><title>PSE (sandbox)</title>
<body style="font-family:sans-serif;max-width:32rem;margin:2rem auto">
<h1>PSE — banco de pruebas</h1><p>No es un banco real: solo para desarrollo.</p>
<p><strong>${escapeHtml(transaction.description)}</strong><br>Valor: $${transaction.amount.toLocaleString("es-CO")}<br>Estado: ${transaction.status}</p>
<form method="post"><label>Banco <select name="bank">${banks}</select></label>
<p><button name="decision" value="APROBADO">Aprobar el pago</button> <button name="decision" value="RECHAZADO">Rechazar</button></p></form></body></html>`);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(400).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const base = options.publicUrl?.replace(/\/$/, "") ?? `http://${options.host ?? "127.0.0.1"}:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    transactions,
    decide,
    callbackOf(transactionId) {
      const transaction = transactions.get(transactionId);
      if (!transaction) throw new Error(`no transaction ${transactionId}`);
      return callbackOf(transaction);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

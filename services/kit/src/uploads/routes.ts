import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import { mongo, type Connection } from "mongoose";
import { linkIsGenuine } from "../documents/register.js";
import { sendJson } from "../http/messages.js";
import type { RouteHandler } from "../http/serve.js";
import { UPLOAD_DOWNLOAD_LINK_MS, UPLOAD_LINK_MS } from "./service.js";
import { SNIFF_BYTES, contentMatches, extensionOf } from "./sniff.js";
import { uploadBucket } from "./store.js";
import { MAX_UPLOAD_BYTES, UPLOAD_TTL_MS, UploadState, uploadModel, type UploadDoc } from "./upload.model.js";

type Body = AsyncIterator<Buffer>;

/** What a link names: its id, expiry and signature, from the query string. */
function linkOf(req: IncomingMessage): { id: string; expires: number; signature: string } {
  const url = new URL(req.url ?? "/", "http://localhost");
  return { id: url.searchParams.get("id") ?? "", expires: Number(url.searchParams.get("expires")), signature: url.searchParams.get("signature") ?? "" };
}

/**
 * Reads and drops the rest of a refused body (up to a bound), so the client, which is still sending,
 * gets the answer rather than a reset connection. Past the bound the connection is closed after answering.
 * Never a `for await` with a break: that destroys the request, and with it the socket the answer needs.
 */
async function discardRest(body: Body, budget = MAX_UPLOAD_BYTES + 1024 * 1024): Promise<boolean> {
  for (let read = 0; read <= budget; ) {
    const next = await body.next();
    if (next.done) return true;
    read += next.value.length;
  }
  return false;
}

async function refuse(req: IncomingMessage, res: ServerResponse, body: Body | null, status: number, error: string, message: string): Promise<void> {
  const drained = body ? await discardRest(body).catch(() => false) : true;
  sendJson(res, status, { error, message }, drained ? {} : { connection: "close" });
  if (!drained) res.once("finish", () => req.socket.destroySoon());
}

const notFound = (req: IncomingMessage, res: ServerResponse, body: Body | null) =>
  refuse(req, res, body, 404, "not_found", "El enlace de carga no existe, ya venció o ya se usó: pida uno nuevo.");

/** The first bytes of the body (at least SNIFF_BYTES unless it is shorter), as chunks read so far. */
async function head(body: Body): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  let size = 0;
  while (size < SNIFF_BYTES) {
    const next = await body.next();
    if (next.done) break;
    chunks.push(next.value);
    size += next.value.length;
  }
  return chunks;
}

/**
 * PUT /uploads?id=…&expires=…&signature=…: the bytes of a support document for a ticket this subgraph
 * signed (10 minutes, that upload only). No token: the link is the permission, as for downloads.
 * 404 for a bad, expired or used link; 413 past the declared size (at most 10 MB); 415 when the content
 * is not the declared type (by its first bytes: a renamed executable is not a PDF). Stored in GridFS as
 * it streams, then the upload is CARGADO: 201 {uploadId, size, contentType}. A refused body leaves nothing.
 */
export function uploadPutRoute(options: { connection: Connection; key: string }): RouteHandler {
  const { connection, key } = options;
  return async (req, res) => {
    const link = linkOf(req);
    const body: Body = (req as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    if (!linkIsGenuine(key, "upload", link.id, link.expires, link.signature, UPLOAD_LINK_MS)) return notFound(req, res, body);
    const model = uploadModel(connection);
    const upload = await model.findById(link.id).lean<UploadDoc>().exec();
    if (!upload || upload.state !== UploadState.PENDIENTE || upload.fileId) return notFound(req, res, body);
    const tooLarge = () => refuse(req, res, body, 413, "too_large", `El documento supera el tamaño declarado (${upload.maxBytes} bytes; el máximo es 10 MB).`);
    if (Number(req.headers["content-length"] ?? 0) > upload.maxBytes) return tooLarge();
    const first = await head(body);
    if (!contentMatches(upload.declaredType, Buffer.concat(first))) {
      return refuse(req, res, body, 415, "unsupported_type", `El contenido no es un ${extensionOf(upload.declaredType).toUpperCase()}: se aceptan PDF, JPEG y PNG del tipo declarado.`);
    }
    // Claim it: a second sender of the same link now gets 404, and a crash leaves a fileId to clean up.
    const fileId = new mongo.ObjectId();
    const claimed = await model.updateOne({ _id: upload._id, state: UploadState.PENDIENTE, fileId: null }, { $set: { fileId } }).exec();
    if (claimed.modifiedCount !== 1) return notFound(req, res, body);
    const stored = await store(connection, upload, fileId, first, body);
    if (stored === "too_large") {
      await model.updateOne({ _id: upload._id, fileId }, { $set: { fileId: null } }).exec();
      return tooLarge();
    }
    const createdAt = upload.createdAt;
    const done = await model
      .updateOne(
        { _id: upload._id, state: UploadState.PENDIENTE, fileId },
        // Stored: it now waits a day for a record to reference it.
        { $set: { state: UploadState.CARGADO, size: stored, contentType: upload.declaredType, listKey: `${createdAt.toISOString()}:${upload._id}`, expiresAt: new Date(Date.now() + UPLOAD_TTL_MS) } },
      )
      .exec();
    // The ticket expired and was swept while the body arrived: the file is an orphan, and the link is dead.
    if (done.modifiedCount !== 1) {
      await uploadBucket(connection).delete(fileId).catch(() => undefined);
      return notFound(req, res, null);
    }
    sendJson(res, 201, { uploadId: upload._id, size: stored, contentType: upload.declaredType });
  };
}

/** Streams the body into GridFS under `fileId`: its size, or "too_large" (nothing kept) past maxBytes. */
async function store(connection: Connection, upload: UploadDoc, fileId: mongo.ObjectId, first: Buffer[], body: Body): Promise<number | "too_large"> {
  const sink = uploadBucket(connection).openUploadStreamWithId(fileId, `${upload._id}.${extensionOf(upload.declaredType)}`, {
    metadata: { uploadId: upload._id, memberId: upload.memberId, contentType: upload.declaredType },
  });
  // The driver reports an abort as an error too; the outcome is decided below, not by this event.
  const failed = new Promise<never>((_resolve, reject) => sink.once("error", reject));
  failed.catch(() => undefined);
  const write = (chunk: Buffer) => (sink.write(chunk) ? Promise.resolve() : Promise.race([new Promise<void>((resolve) => sink.once("drain", resolve)), failed]));
  let size = 0;
  try {
    for (let chunk: Buffer | null = first.shift() ?? null; chunk; ) {
      size += chunk.length;
      if (size > upload.maxBytes) {
        await sink.abort();
        return "too_large";
      }
      await write(chunk);
      const next = first.shift() ?? (await body.next()).value;
      chunk = next ?? null;
    }
    await Promise.race([new Promise<void>((resolve) => sink.end(() => resolve())), failed]);
    return size;
  } catch (error) {
    // The client went away or the database failed: what was written goes, the link may be used again.
    await sink.abort().catch(() => undefined);
    await uploadModel(connection).updateOne({ _id: upload._id, fileId }, { $set: { fileId: null } }).exec();
    throw error;
  }
}

/**
 * GET /uploads?id=…&expires=…&signature=…: a stored support document for a download link this subgraph
 * signed (5 minutes), served with the type its content was checked to be. Anything else is 404.
 */
export function uploadGetRoute(options: { connection: Connection; key: string }): RouteHandler {
  const { connection, key } = options;
  return async (req, res) => {
    const link = linkOf(req);
    const upload = linkIsGenuine(key, "upload-download", link.id, link.expires, link.signature, UPLOAD_DOWNLOAD_LINK_MS) ? await uploadModel(connection).findById(link.id).lean<UploadDoc>().exec() : null;
    if (!upload || upload.state === UploadState.PENDIENTE || !upload.fileId || !upload.contentType) return notFound(req, res, null);
    res.writeHead(200, {
      "content-type": upload.contentType,
      "content-length": String(upload.size ?? 0),
      "content-disposition": `attachment; filename="${upload._id}.${extensionOf(upload.contentType)}"`,
      "cache-control": "private, no-store",
      // Served as what it was checked to be, never sniffed by the browser into something else, and never
      // run as a page (a PDF may carry script; the content check reads only its first bytes).
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox; default-src 'none'",
      "cross-origin-resource-policy": "same-origin",
    });
    await pipeline(uploadBucket(connection).openDownloadStream(upload.fileId), res);
  };
}

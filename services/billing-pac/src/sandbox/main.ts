import { DEV_PSE_SECRET } from "../settings.js";
import { startPseSandbox } from "./pse-sandbox.js";

// The PSE sandbox as a process of the development stack (npm start, docker compose): PORT, HOST,
// PSE_SECRET, and PUBLIC_URL when browsers reach it at another address.
const sandbox = await startPseSandbox({
  port: Number(process.env["PORT"] ?? 4090),
  host: process.env["HOST"] ?? "127.0.0.1",
  secret: process.env["PSE_SECRET"] ?? DEV_PSE_SECRET,
  ...(process.env["PUBLIC_URL"] && { publicUrl: process.env["PUBLIC_URL"] }),
  log: (line) => console.error(line),
});
console.error(`PSE sandbox listening on ${sandbox.url}`);
const stop = () => void sandbox.close().finally(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);

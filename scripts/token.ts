// npm run token -- <persona>: prints a token for a seeded persona, signed with the development key.
import { createTokenSigner, ensureDevKeys } from "@sos/kit";
import { PERSONAS } from "@sos/personas";
import { join } from "node:path";
import { REPO_ROOT } from "./lib/paths.js";

const name = process.argv[2] ?? "";
const persona = PERSONAS[name];
if (!persona) {
  console.error(`Usage: npm run token -- <${Object.keys(PERSONAS).join("|")}>`);
  process.exit(2);
}
const keys = await ensureDevKeys(join(REPO_ROOT, ".dev", "keys"));
const signer = await createTokenSigner(keys.privateKeyPem);
console.log(await signer.sign(persona));

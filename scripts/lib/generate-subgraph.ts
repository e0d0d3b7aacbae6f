// Writes a new subgraph from scripts/templates/subgraph and registers it. Used by `npm run new:subgraph`
// and by the test that keeps the template from rotting.
import { appendFile, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { readRegistry } from "./registry.js";

const TEMPLATE_DIR = fileURLToPath(new URL("../templates/subgraph", import.meta.url));

export interface SubgraphNames {
  /** billing-pac: folder, registry key, database. */
  name: string;
  /** BillingPac: GraphQL type prefix. */
  pascal: string;
  /** billingPac: field and variable names. */
  camel: string;
  /** billing_pac: collection prefix. */
  snake: string;
}

export function namesOf(name: string): SubgraphNames {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) throw new Error(`"${name}" is not a subgraph name: lowercase words joined by dashes (billing-pac)`);
  const words = name.split("-");
  const pascal = words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join("");
  return { name, pascal, camel: pascal[0]!.toLowerCase() + pascal.slice(1), snake: words.join("_") };
}

function fill(text: string, names: SubgraphNames): string {
  return text
    .replaceAll("__name__", names.name)
    .replaceAll("__Name__", names.pascal)
    .replaceAll("__camel__", names.camel)
    .replaceAll("__snake__", names.snake)
    .replaceAll("__SNAKE__", names.snake.toUpperCase());
}

async function templateFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith(".tmpl")).map((entry) => join(entry.parentPath, entry.name));
}

export interface GenerateOptions {
  name: string;
  /** Where services/ is (the repository, or a scratch copy for the template's own test). */
  root: string;
  /** The registry to add the subgraph to. */
  registryPath: string;
  /** Its port for `npm start`; default: one above the highest registered. */
  port?: number;
}

/** Creates services/<name>/ from the template and adds it to the registry; returns the folder. */
export async function generateSubgraph(options: GenerateOptions): Promise<{ dir: string; port: number; files: string[] }> {
  const names = namesOf(options.name);
  const registry = readRegistry(options.registryPath);
  if (registry.some((entry) => entry.name === names.name)) throw new Error(`${names.name} is already in ${options.registryPath}`);
  const port = options.port ?? Math.max(...registry.map((entry) => entry.port)) + 1;
  if (registry.some((entry) => entry.port === port)) throw new Error(`port ${port} is taken by another subgraph`);
  const dir = join(options.root, "services", names.name);
  if (await stat(dir).catch(() => null)) throw new Error(`${dir} already exists`);
  const files: string[] = [];
  for (const template of await templateFiles(TEMPLATE_DIR)) {
    const target = join(dir, relative(TEMPLATE_DIR, template).replace(/\.tmpl$/, ""));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, fill(await readFile(template, "utf8"), names));
    files.push(target);
  }
  await appendFile(options.registryPath, `  ${names.name}:\n    package: "@sos/${names.name}"\n    port: ${port}\n    seed: false\n`);
  return { dir, port, files };
}

// Trusted documents: the reviewed operations in schema/operations/<client>/*.graphql, validated against
// the composed graph and written as a persisted-query manifest (Apollo's format) that the gateway serves
// by id. `npm run compose` writes it; `--check` and a gateway test fail when it is stale or invalid.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { Kind, parse, print, validate, type GraphQLSchema, type OperationDefinitionNode } from "graphql";

export interface ManifestOperation {
  id: string;
  name: string;
  type: "query" | "mutation" | "subscription";
  body: string;
}

export interface PersistedQueryManifest {
  format: "apollo-persisted-query-manifest";
  version: 1;
  operations: ManifestOperation[];
}

/** The id a client sends: the SHA-256 of the body, as Apollo Client's persisted queries compute it. */
export const operationId = (body: string): string => createHash("sha256").update(body).digest("hex");

async function graphqlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".graphql"))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Reads, validates and normalises every operation; throws one error listing every problem. */
export async function buildManifest(operationsDir: string, apiSchema: GraphQLSchema): Promise<PersistedQueryManifest> {
  const problems: string[] = [];
  const operations: ManifestOperation[] = [];
  const names = new Set<string>();
  for (const file of await graphqlFiles(operationsDir)) {
    const where = relative(operationsDir, file);
    let document;
    try {
      document = parse(await readFile(file, "utf8"), { noLocation: true });
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
      continue;
    }
    const definitions = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const [operation] = definitions;
    if (definitions.length !== 1 || !operation?.name) {
      problems.push(`${where}: must hold exactly one named operation (fragments may sit beside it)`);
      continue;
    }
    const name = operation.name.value;
    if (names.has(name)) problems.push(`${where}: the operation name ${name} is used twice`);
    names.add(name);
    for (const error of validate(apiSchema, document)) problems.push(`${where}: ${error.message}`);
    const body = print(document);
    operations.push({ id: operationId(body), name, type: operation.operation, body });
  }
  if (problems.length) throw new Error(`Trusted documents are not valid against the supergraph:\n${problems.map((p) => `- ${p}`).join("\n")}`);
  operations.sort((a, b) => a.name.localeCompare(b.name));
  return { format: "apollo-persisted-query-manifest", version: 1, operations };
}

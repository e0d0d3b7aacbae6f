// The checks of docker-compose.yml that need no Docker: it parses, every service it depends on exists,
// every named volume is declared, and every MONGODB_URI names every member of the replica set.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseDocument } from "yaml";

interface ComposeService {
  image?: string;
  build?: unknown;
  depends_on?: string[] | Record<string, { condition?: string }>;
  volumes?: (string | { type?: string; source?: string })[];
  environment?: Record<string, unknown> | string[];
}

interface ComposeFile {
  services?: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const CONDITIONS = ["service_started", "service_healthy", "service_completed_successfully"];

export interface ComposeReport {
  problems: string[];
  services: number;
}

export async function checkCompose(path: string): Promise<ComposeReport> {
  const file = basename(path);
  const document = parseDocument(await readFile(path, "utf8"));
  if (document.errors.length) return { problems: document.errors.map((error) => `${file}: not valid YAML: ${error.message}`), services: 0 };
  const compose = (document.toJS() ?? {}) as ComposeFile;
  const services = compose.services ?? {};
  const names = Object.keys(services);
  const problems: string[] = [];
  // The replica set's members: the services that run mongod (mongo1, mongo2, ...).
  const members = names.filter((name) => /^mongo\d+$/.test(name));
  for (const [name, service] of Object.entries(services)) {
    if (!service.image && !service.build) problems.push(`${file}: ${name} has neither image nor build`);
    const dependencies = Array.isArray(service.depends_on) ? service.depends_on.map((dependency) => [dependency, "service_started"] as const) : Object.entries(service.depends_on ?? {}).map(([dependency, how]) => [dependency, how?.condition ?? "service_started"] as const);
    for (const [dependency, condition] of dependencies) {
      if (!names.includes(dependency)) problems.push(`${file}: ${name} depends on ${dependency}, which is not a service`);
      if (!CONDITIONS.includes(condition)) problems.push(`${file}: ${name} waits for ${dependency} with an unknown condition ${condition}`);
    }
    for (const volume of service.volumes ?? []) {
      const source = typeof volume === "string" ? volume.split(":")[0] : volume.type === "volume" ? volume.source : undefined;
      // A name (not a path) is a named volume, which must be declared at the top level.
      if (source && !/^[./~]/.test(source) && !(source in (compose.volumes ?? {}))) problems.push(`${file}: ${name} mounts volume ${source}, which is not declared under volumes`);
    }
    const environment = Array.isArray(service.environment) ? Object.fromEntries(service.environment.map((entry) => entry.split("="))) : (service.environment ?? {});
    const uri = environment["MONGODB_URI"];
    if (typeof uri === "string" && members.length) {
      const missing = members.filter((member) => !uri.includes(`${member}:`));
      if (missing.length || !uri.includes("replicaSet=")) problems.push(`${file}: ${name}'s MONGODB_URI must list every member (${members.join(", ")}) and the replicaSet`);
    }
  }
  return { problems, services: names.length };
}

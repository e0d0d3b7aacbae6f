// docker-compose.yml against the registry: every subgraph of schema/subgraphs.yaml runs there, built from
// services/Dockerfile, on its port, with its database, the gateway's secret and the access service, and
// the gateway reaches each one. Returns what is missing, one line each.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { ACCESS_SUBGRAPH } from "./graph.js";
import { SCHEMA_DIR, readRegistry, urlVariable } from "./registry.js";

export const COMPOSE_PATH = join(SCHEMA_DIR, "../docker-compose.yml");

interface ComposeService {
  build?: { dockerfile?: string; args?: Record<string, string> };
  environment?: Record<string, string>;
}

export function composeProblems(composePath = COMPOSE_PATH, registryPath?: string): string[] {
  const compose = parseYaml(readFileSync(composePath, "utf8")) as { services?: Record<string, ComposeService> };
  const services = compose.services ?? {};
  const problems: string[] = [];
  const gatewayEnv = services["gateway"]?.environment ?? {};
  for (const entry of readRegistry(registryPath)) {
    const service = services[entry.name];
    const where = `docker-compose.yml services.${entry.name}`;
    if (!service) {
      problems.push(`${where} is missing`);
      continue;
    }
    const env = service.environment ?? {};
    const expect = (ok: boolean, what: string) => ok || problems.push(`${where}: ${what}`);
    expect(service.build?.dockerfile === "services/Dockerfile", "build.dockerfile must be services/Dockerfile");
    expect(service.build?.args?.["SERVICE"] === entry.package.replace(/^@sos\//, ""), `build.args.SERVICE must be ${entry.package.replace(/^@sos\//, "")}`);
    expect(env["PORT"] === String(entry.port), `environment.PORT must be "${entry.port}" (schema/subgraphs.yaml)`);
    expect(env["MONGODB_DB"] === entry.name, `environment.MONGODB_DB must be ${entry.name}`);
    expect(typeof env["GATEWAY_SECRETS"] === "string", "environment.GATEWAY_SECRETS is missing");
    if (entry.name !== ACCESS_SUBGRAPH) {
      expect(env["MEMBER_ACCESS_URL"] === `http://${ACCESS_SUBGRAPH}:${readRegistry(registryPath).find((e) => e.name === ACCESS_SUBGRAPH)?.port}/graphql`, "environment.MEMBER_ACCESS_URL must point at the affiliation service");
    }
    const url = `http://${entry.name}:${entry.port}/graphql`;
    if (gatewayEnv[urlVariable(entry.name)] !== url) problems.push(`docker-compose.yml services.gateway: environment.${urlVariable(entry.name)} must be ${url}`);
  }
  return problems;
}

// Everything `npm run deploy:check` checks, for the CLI (scripts/validate-deploy.ts) and its test.
import { join } from "node:path";
import { REPO_ROOT } from "../paths.js";
import { readRegistry } from "../registry.js";
import { checkCompose } from "./compose-check.js";
import { checkDashboard } from "./dashboard-check.js";
import { checkKubernetes } from "./kubernetes-check.js";

export interface DeployReport {
  problems: string[];
  summary: string;
}

/** Checks deploy/kubernetes, deploy/grafana and docker-compose.yml under `root` (the repository, or a copy of its files). */
export async function checkDeploy(root = REPO_ROOT): Promise<DeployReport> {
  const registry = readRegistry(join(root, "schema/subgraphs.yaml"));
  const kubernetes = await checkKubernetes(join(root, "deploy/kubernetes"), ["gateway", ...registry.map((entry) => entry.name)]);
  const dashboard = await checkDashboard(join(root, "deploy/grafana"));
  const compose = await checkCompose(join(root, "docker-compose.yml"));
  return {
    problems: [
      ...kubernetes.problems.map((problem) => `deploy/kubernetes/${problem}`),
      ...dashboard.problems.map((problem) => `deploy/grafana/${problem}`),
      ...compose.problems,
    ],
    summary: `deploy/kubernetes: ${kubernetes.objects} objects in ${kubernetes.files} files; deploy/grafana: ${dashboard.panels} panels over ${dashboard.metrics.size} series; docker-compose.yml: ${compose.services} services`,
  };
}

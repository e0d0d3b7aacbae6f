// npm run deploy:check: checks what deploys the graph without a cluster or Docker — every object of
// deploy/kubernetes/kustomization.yaml against the Kubernetes API's schemas and our rules (probes,
// resources, a Service, autoscaler and disruption budget per Deployment, secrets only from Secrets, a
// termination grace longer than the shutdown), the Grafana dashboard against the metrics the services
// export, and docker-compose.yml's references. Exit 1 with every problem found.
import { checkDeploy } from "./lib/deploy/index.js";

const { problems, summary } = await checkDeploy();
if (problems.length) {
  console.error(`deploy:check found ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems.map((problem) => `- ${problem}`).join("\n")}`);
  process.exit(1);
}
console.log(`${summary}: every check passes.`);

// node --test: npm run deploy:check over the real files, and over broken copies of them.
import assert from "node:assert/strict";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { parseAllDocuments, stringify } from "yaml";
import { renderKubernetesManifests } from "../kubernetes-manifests.js";
import { REPO_ROOT } from "../paths.js";
import { readRegistry } from "../registry.js";
import { checkDeploy } from "./index.js";
import { checkKubernetes } from "./kubernetes-check.js";
import type { Container, KubeObject } from "./objects.js";

const scratch: string[] = [];
after(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A copy of what deploy:check reads, to break. */
async function copyOfRepo(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "sos-deploy-check-"));
  scratch.push(root);
  await mkdir(join(root, "schema"));
  await cp(join(REPO_ROOT, "schema/subgraphs.yaml"), join(root, "schema/subgraphs.yaml"));
  await cp(join(REPO_ROOT, "deploy"), join(root, "deploy"), { recursive: true });
  await cp(join(REPO_ROOT, "docker-compose.yml"), join(root, "docker-compose.yml"));
  return root;
}

/** Rewrites every object of a multi-document YAML file. */
async function editObjects(path: string, edit: (object: KubeObject) => KubeObject | null): Promise<void> {
  const objects = parseAllDocuments(await readFile(path, "utf8")).map((document) => edit(document.toJS() as KubeObject));
  await writeFile(path, objects.filter((object) => object !== null).map((object) => stringify(object)).join("---\n"));
}

const containerOf = (object: KubeObject): Container => object.spec?.template?.spec?.containers?.[0] as Container;

test("the committed deploy files pass every check", async () => {
  const { problems } = await checkDeploy();
  assert.deepEqual(problems, []);
});

test("a Deployment without probes, with a literal secret and a short termination grace, is reported", async () => {
  const root = await copyOfRepo();
  await editObjects(join(root, "deploy/kubernetes/services/affiliation.yaml"), (object) => {
    if (object.kind !== "Deployment") return object;
    const container = containerOf(object);
    delete container.readinessProbe;
    delete container.livenessProbe;
    delete container.resources?.limits;
    container.env = (container.env ?? []).map((entry) => (entry.name === "GATEWAY_SECRETS" ? { name: "GATEWAY_SECRETS", value: "not-so-secret" } : entry));
    container.env.push({ name: "AUDIT_URL", value: "mongodb://sos:hunter2@mongo:27017" });
    object.spec!.template!.spec!.terminationGracePeriodSeconds = 20;
    return object;
  });
  const { problems } = await checkDeploy(root);
  const about = (text: string) => problems.filter((problem) => problem.includes("Deployment/affiliation") && problem.includes(text));
  assert.equal(about("has no readinessProbe").length, 1, problems.join("\n"));
  assert.equal(about("has no livenessProbe").length, 1);
  assert.equal(about("no limits.cpu").length, 1);
  assert.equal(about("GATEWAY_SECRETS is a secret").length, 1);
  assert.equal(about("AUDIT_URL holds a password in a URL").length, 1);
  assert.equal(about("terminationGracePeriodSeconds (20) must be greater than SHUTDOWN_DELAY_MS + SHUTDOWN_GRACE_MS (25 s)").length, 1);
  // The other Deployments are untouched: nothing is said about them.
  assert.equal(problems.filter((problem) => !problem.includes("affiliation")).length, 0, problems.join("\n"));
});

test("schema errors, unknown kinds, a missing autoscaler and budget, and secrets in a ConfigMap are reported", async () => {
  const root = await copyOfRepo();
  await editObjects(join(root, "deploy/kubernetes/services/pqrs.yaml"), (object) => {
    if (object.kind === "HorizontalPodAutoscaler" || object.kind === "PodDisruptionBudget") return null;
    if (object.kind === "Deployment") (object.spec as Record<string, unknown>)["replicas"] = "two";
    return object;
  });
  const config = join(root, "deploy/kubernetes/config.yaml");
  await writeFile(config, `${await readFile(config, "utf8")}---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: gadget\n`);
  await editObjects(config, (object) => (object.metadata?.name === "sos-config" ? { ...object, data: { ...object.data, MONGODB_URI: "mongodb://mongo:27017" } } : object));
  const { problems } = await checkDeploy(root);
  const has = (text: string) => assert.ok(problems.some((problem) => problem.includes(text)), `expected a problem with "${text}" in:\n${problems.join("\n")}`);
  has("Deployment/pqrs (services/pqrs.yaml): /spec/replicas must be integer");
  has("Deployment/pqrs (services/pqrs.yaml): needs exactly one HorizontalPodAutoscaler scaling it (found 0)");
  has("Deployment/pqrs (services/pqrs.yaml): needs exactly one PodDisruptionBudget selecting its pods (found 0)");
  has("Widget/gadget (config.yaml): unknown kind Widget of example.com/v1");
  has("ConfigMap/sos-config (config.yaml): MONGODB_URI is a secret and belongs in a Secret");
});

test("a dashboard querying a metric the services do not export, and a compose file depending on a missing service, are reported", async () => {
  const root = await copyOfRepo();
  const dashboard = join(root, "deploy/grafana/sos-graph.json");
  await writeFile(dashboard, (await readFile(dashboard, "utf8")).replaceAll("sos_gateway_subgraph_up", "sos_gateway_subgraph_alive"));
  const compose = join(root, "docker-compose.yml");
  await writeFile(compose, (await readFile(compose, "utf8")).replace("      mongo-init:\n        condition: service_completed_successfully", "      mongo:\n        condition: service_healthy"));
  const { problems } = await checkDeploy(root);
  assert.ok(problems.some((problem) => problem.includes('panel "Subgraphs up"') && problem.includes("sos_gateway_subgraph_alive, which metrics.txt does not list")), problems.join("\n"));
  assert.ok(problems.some((problem) => problem.includes("depends on mongo, which is not a service")), problems.join("\n"));
});

test("a subgraph added to the registry gets its manifests, listed and checked, by `npm run compose` alone", async () => {
  const root = await copyOfRepo();
  const registry = readRegistry(join(root, "schema/subgraphs.yaml"));
  const added = [...registry, { name: "notes", package: "@sos/notes", port: 4050, seed: false, url: "http://127.0.0.1:4050/graphql", standIn: null }];
  const dir = join(root, "deploy/kubernetes");
  for (const [path, content] of await renderKubernetesManifests(added, dir)) await writeFile(path, content);
  const kustomization = await readFile(join(dir, "kustomization.yaml"), "utf8");
  assert.match(kustomization, /- services\/notes\.yaml/);
  assert.match(kustomization, /- name: sos-oficina-virtual\/notes\n {4}newTag: "0\.1\.0"/);
  const { problems } = await checkKubernetes(dir, ["gateway", ...added.map((entry) => entry.name)]);
  assert.deepEqual(problems, []);
  // Its peers learn where it is.
  assert.match(await readFile(join(dir, "services/affiliation.yaml"), "utf8"), /SUBGRAPH_NOTES_URL\n {14}value: http:\/\/notes:4050\/graphql/);
});

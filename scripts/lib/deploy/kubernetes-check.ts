// The checks of deploy/kubernetes: every object against the API's schema, and our own rules for the
// Deployments (probes, resources, a Service, an autoscaler and a disruption budget each, secrets only
// from Secrets, a termination grace longer than the processes' shutdown). docs/operations.md says why.
import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { GENERATED_DIR, SHARED_SECRET } from "../kubernetes-manifests.js";
import { describe, loadObjects, selects, validateSchema, type Container, type Loaded } from "./objects.js";

/** Variables whose value is a secret by their name: they must come from a Secret, never be written in a manifest. */
export const SECRET_NAME = /SECRET|KEY|TOKEN|PASSWORD|URI/i;
/** A URL with a password in it (scheme://user:password@host) is a secret whatever its variable is called. */
const CREDENTIALS_IN_URL = /:\/\/[^/\s:@]*:[^/\s@]+@/;
/** Example files beside the kustomization, checked against their schemas though not applied. */
const EXAMPLES = ["ingress.example.yaml", "mongodb"];

interface Kustomization {
  namespace?: string;
  resources?: unknown[];
  images?: { name?: string; newTag?: string; digest?: string }[];
}

/** Keys of secrets.example.env: what the sos-secrets Secret is documented to hold. */
async function documentedSecretKeys(dir: string): Promise<Set<string> | null> {
  const text = await readFile(join(dir, "secrets.example.env"), "utf8").catch(() => null);
  if (text === null) return null;
  return new Set(text.split("\n").flatMap((line) => /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(line.trim())?.[1] ?? []));
}

/** A variable's value as the container sees it: its own env, else the last ConfigMap of envFrom that has it. */
function resolveEnv(container: Container, name: string, configMaps: Map<string, Record<string, string>>): string | undefined {
  const own = container.env?.find((entry) => entry.name === name);
  if (own) return own.value;
  for (const source of [...(container.envFrom ?? [])].reverse()) {
    const data = source.configMapRef ? configMaps.get(source.configMapRef.name) : undefined;
    if (data && name in data) return data[name];
  }
  return undefined;
}

const portOf = (container: Container, port: string | number | undefined): number | undefined =>
  typeof port === "number" ? container.ports?.find((entry) => entry.containerPort === port)?.containerPort : container.ports?.find((entry) => entry.name === port)?.containerPort;

function checkContainer(where: string, container: Container, context: { configMaps: Map<string, Record<string, string>>; secretKeys: Set<string> | null; images: Map<string, string> }): string[] {
  const problems: string[] = [];
  const at = `${where}, container ${container.name}`;
  for (const [probe, path] of [["readinessProbe", "/health/ready"], ["livenessProbe", "/health/live"]] as const) {
    const get = container[probe]?.httpGet;
    if (!get) problems.push(`${at}: has no ${probe} (GET ${path})`);
    else if (get.path !== path || portOf(container, get.port) === undefined) problems.push(`${at}: ${probe} must GET ${path} on one of the container's ports`);
  }
  for (const kind of ["requests", "limits"] as const) {
    for (const resource of ["cpu", "memory"]) if (!container.resources?.[kind]?.[resource]) problems.push(`${at}: no ${kind}.${resource} in resources`);
  }
  const security = container.securityContext;
  if (!security?.readOnlyRootFilesystem) problems.push(`${at}: securityContext.readOnlyRootFilesystem must be true`);
  if (security?.allowPrivilegeEscalation !== false) problems.push(`${at}: securityContext.allowPrivilegeEscalation must be false`);
  if (!security?.capabilities?.drop?.includes("ALL")) problems.push(`${at}: securityContext.capabilities must drop ALL`);
  for (const entry of container.env ?? []) {
    const literal = entry.value !== undefined;
    if (literal && SECRET_NAME.test(entry.name)) problems.push(`${at}: ${entry.name} is a secret and must come from a Secret (valueFrom.secretKeyRef), not a literal value`);
    else if (literal && CREDENTIALS_IN_URL.test(entry.value ?? "")) problems.push(`${at}: ${entry.name} holds a password in a URL: take it from a Secret`);
    else if (!literal && SECRET_NAME.test(entry.name) && !entry.valueFrom?.secretKeyRef) problems.push(`${at}: ${entry.name} is a secret and must come from a Secret (valueFrom.secretKeyRef)`);
    const ref = entry.valueFrom?.secretKeyRef;
    if (ref?.name === SHARED_SECRET && context.secretKeys && !context.secretKeys.has(ref.key)) problems.push(`${at}: ${entry.name} reads key ${ref.key} of ${SHARED_SECRET}, which secrets.example.env does not document`);
  }
  for (const source of container.envFrom ?? []) {
    const ref = source.configMapRef;
    if (ref && !ref.optional && !context.configMaps.has(ref.name)) problems.push(`${at}: envFrom names ConfigMap ${ref.name}, which no listed resource defines`);
  }
  const image = container.image ?? "";
  if (/[:@]/.test(image.replace(/^[^/]*\.[^/]*\//, ""))) problems.push(`${at}: image ${image} carries its own tag; set tags in kustomization.yaml's images`);
  else if (!context.images.has(image)) problems.push(`${at}: image ${image} has no entry (with newTag) in kustomization.yaml's images`);
  return problems;
}

function checkDeployment(deployment: Loaded, all: Loaded[], context: Parameters<typeof checkContainer>[2]): string[] {
  const where = describe(deployment);
  const name = deployment.object.metadata?.name ?? "";
  const spec = deployment.object.spec ?? {};
  const template = spec.template ?? {};
  const labels = template.metadata?.labels ?? {};
  const containers = template.spec?.containers ?? [];
  const problems: string[] = [];
  // The autoscaler owns the count (its minReplicas is checked below); a count here is reset at every apply.
  if (spec.replicas !== undefined) problems.push(`${where}: leave replicas to its HorizontalPodAutoscaler (kubectl apply would reset the count it chose)`);
  if (!selects(spec.selector, labels)) problems.push(`${where}: its selector does not select its own pod template's labels`);
  if (!template.spec?.securityContext?.runAsNonRoot && !containers.every((container) => container.securityContext?.runAsNonRoot)) problems.push(`${where}: runAsNonRoot must be true (pod or every container)`);
  for (const container of containers) problems.push(...checkContainer(where, container, context));

  // Shutdown: the kubelet must not kill a process that is still doing what SHUTDOWN_* tell it to.
  for (const container of containers) {
    const delay = resolveEnv(container, "SHUTDOWN_DELAY_MS", context.configMaps);
    const grace = resolveEnv(container, "SHUTDOWN_GRACE_MS", context.configMaps);
    if (delay === undefined || grace === undefined || !/^\d+$/.test(delay) || !/^\d+$/.test(grace)) {
      problems.push(`${where}, container ${container.name}: SHUTDOWN_DELAY_MS and SHUTDOWN_GRACE_MS must be set (whole milliseconds), in its env or a ConfigMap it reads`);
      continue;
    }
    const seconds = template.spec?.terminationGracePeriodSeconds ?? 30;
    const needed = (Number(delay) + Number(grace)) / 1000;
    if (seconds <= needed) problems.push(`${where}: terminationGracePeriodSeconds (${seconds}) must be greater than SHUTDOWN_DELAY_MS + SHUTDOWN_GRACE_MS (${needed} s)`);
  }

  const annotations = template.metadata?.annotations ?? {};
  const scrapePort = Number(annotations["prometheus.io/port"]);
  if (annotations["prometheus.io/scrape"] !== "true" || annotations["prometheus.io/path"] !== "/metrics" || !containers.some((container) => portOf(container, scrapePort) !== undefined)) {
    problems.push(`${where}: the pod template needs prometheus.io/scrape "true", prometheus.io/path /metrics and prometheus.io/port naming a container port`);
  }

  const others = all.filter((other) => other.object.kind === "Deployment" && other !== deployment);
  const selectsOthers = (selector: Parameters<typeof selects>[0]) => others.some((other) => selects(selector, other.object.spec?.template?.metadata?.labels ?? {}));
  const services = all.filter((candidate) => candidate.object.kind === "Service" && selects(candidate.object.spec?.selector, labels));
  if (!services.length) problems.push(`${where}: no Service selects its pods`);
  for (const service of services) {
    if (selectsOthers(service.object.spec?.selector)) problems.push(`${describe(service)}: selects the pods of more than one Deployment`);
    for (const port of service.object.spec?.ports ?? []) {
      if (!containers.some((container) => portOf(container, port.targetPort ?? port.port) !== undefined)) problems.push(`${describe(service)}: targetPort ${String(port.targetPort ?? port.port)} is not a port of ${name}'s containers`);
    }
  }
  const autoscalers = all.filter((candidate) => candidate.object.kind === "HorizontalPodAutoscaler" && candidate.object.spec?.scaleTargetRef?.kind === "Deployment" && candidate.object.spec.scaleTargetRef.name === name);
  if (autoscalers.length !== 1) problems.push(`${where}: needs exactly one HorizontalPodAutoscaler scaling it (found ${autoscalers.length})`);
  for (const hpa of autoscalers) {
    if (hpa.object.apiVersion !== "autoscaling/v2") problems.push(`${describe(hpa)}: use autoscaling/v2`);
    if ((hpa.object.spec?.minReplicas ?? 1) < 2) problems.push(`${describe(hpa)}: minReplicas must be at least 2`);
    if (!hpa.object.spec?.metrics?.some((metric) => metric.type === "Resource" && metric.resource?.name === "cpu" && metric.resource.target?.type === "Utilization")) problems.push(`${describe(hpa)}: needs a CPU utilization target`);
  }
  const budgets = all.filter((candidate) => candidate.object.kind === "PodDisruptionBudget" && selects(candidate.object.spec?.selector, labels));
  if (budgets.length !== 1) problems.push(`${where}: needs exactly one PodDisruptionBudget selecting its pods (found ${budgets.length})`);
  for (const pdb of budgets) if (selectsOthers(pdb.object.spec?.selector)) problems.push(`${describe(pdb)}: selects the pods of more than one Deployment`);
  return problems;
}

/** Secrets written into ConfigMaps or committed as Secret objects. */
function checkNoCommittedSecrets(loaded: Loaded): string[] {
  const { kind, data, stringData } = loaded.object;
  if (kind === "Secret") return [`${describe(loaded)}: a Secret in the repository; create it with kubectl from secrets.example.env instead`];
  if (kind !== "ConfigMap") return [];
  return Object.entries({ ...data, ...stringData }).flatMap(([key, value]) =>
    SECRET_NAME.test(key) ? [`${describe(loaded)}: ${key} is a secret and belongs in a Secret, not a ConfigMap`] : CREDENTIALS_IN_URL.test(String(value)) ? [`${describe(loaded)}: ${key} holds a password in a URL`] : [],
  );
}

export interface KubernetesReport {
  problems: string[];
  objects: number;
  files: number;
}

/** Checks the kustomization in `dir` (deploy/kubernetes): `expected` names the Deployments that must be there. */
export async function checkKubernetes(dir: string, expected: string[]): Promise<KubernetesReport> {
  const problems: string[] = [];
  const text = await readFile(join(dir, "kustomization.yaml"), "utf8").catch(() => null);
  if (text === null) return { problems: [`${dir}/kustomization.yaml is missing`], objects: 0, files: 0 };
  const kustomization = (parseYaml(text) ?? {}) as Kustomization;
  const namespace = kustomization.namespace;
  const resources = (kustomization.resources ?? []).filter((entry): entry is string => typeof entry === "string");
  const loaded: Loaded[] = [];
  for (const resource of resources) {
    if (resource.endsWith("/") || !/\.ya?ml$/.test(resource)) problems.push(`kustomization.yaml: resource ${resource} is not a YAML file (deploy:check reads files only)`);
    else loaded.push(...(await loadObjects(join(dir, resource), dir, problems)));
  }
  // A generated file the kustomization does not list (a subgraph removed from the registry) would linger unseen.
  const generated = existsSync(join(dir, GENERATED_DIR)) ? await readdir(join(dir, GENERATED_DIR)) : [];
  for (const file of generated) if (!resources.includes(`${GENERATED_DIR}/${file}`)) problems.push(`${GENERATED_DIR}/${file}: not listed in kustomization.yaml's resources (delete it, or run \`npm run compose\`)`);

  for (const object of loaded) {
    problems.push(...(await validateSchema(object)));
    problems.push(...checkNoCommittedSecrets(object));
    const own = object.object.metadata?.namespace;
    if (own && namespace && own !== namespace) problems.push(`${describe(object)}: in namespace ${own}, not the kustomization's ${namespace}`);
  }
  const examples = await exampleFiles(dir);
  for (const example of examples) for (const object of await loadObjects(example, dir, problems)) problems.push(...(await validateSchema(object)), ...checkNoCommittedSecrets(object));

  const configMaps = new Map(loaded.filter((entry) => entry.object.kind === "ConfigMap").map((entry) => [entry.object.metadata?.name ?? "", entry.object.data ?? {}]));
  const images = new Map((kustomization.images ?? []).filter((image) => image.name && (image.newTag || image.digest)).map((image) => [image.name as string, image.newTag ?? image.digest ?? ""]));
  const context = { configMaps, secretKeys: await documentedSecretKeys(dir), images };
  if (!context.secretKeys) problems.push("secrets.example.env is missing: it documents the Secret every Deployment reads");
  const deployments = loaded.filter((entry) => entry.object.kind === "Deployment");
  for (const deployment of deployments) problems.push(...checkDeployment(deployment, loaded, context));
  for (const name of expected) if (!deployments.some((deployment) => deployment.object.metadata?.name === name)) problems.push(`no Deployment for ${name} (run \`npm run compose\`)`);
  return { problems, objects: loaded.length, files: resources.length + examples.length };
}

async function exampleFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const example of EXAMPLES) {
    const path = join(dir, example);
    if (!existsSync(path)) continue;
    if (/\.ya?ml$/.test(example)) files.push(path);
    else for (const file of await readdir(path)) if (/\.ya?ml$/.test(file)) files.push(join(path, file));
  }
  return files;
}
